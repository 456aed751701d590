// The conformance classes obshub implements; GET /conformance lists them and tests check each. The
// encoding classes follow the encoder registry: a format is claimed only while an encoder provides it.
import { encoders } from './encoders.js';

const EDR = 'http://www.opengis.net/spec/ogcapi-edr-1';

const byFormat: Readonly<Record<string, readonly string[]>> = {
  CoverageJSON: [`${EDR}/1.1/conf/covjson`],
  GeoJSON: [`${EDR}/1.1/conf/geojson`, `${EDR}/1.1/conf/edr-geojson`],
};

export const conformanceClasses: readonly string[] = [
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections',
  `${EDR}/1.0/conf/core`,
  `${EDR}/1.1/conf/core`,
  `${EDR}/1.1/conf/collections`,
  `${EDR}/1.1/conf/json`,
  ...encoders.flatMap((e) => byFormat[e.name] ?? []),
  `${EDR}/1.1/conf/queries`,
];
