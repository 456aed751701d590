// The conformance classes obshub implements; GET /conformance lists them and tests check each.
const EDR = 'http://www.opengis.net/spec/ogcapi-edr-1';

export const conformanceClasses: readonly string[] = [
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections',
  `${EDR}/1.0/conf/core`,
  `${EDR}/1.1/conf/core`,
  `${EDR}/1.1/conf/collections`,
  `${EDR}/1.1/conf/json`,
  `${EDR}/1.1/conf/geojson`,
  `${EDR}/1.1/conf/edr-geojson`,
  `${EDR}/1.1/conf/covjson`,
  `${EDR}/1.1/conf/queries`,
];
