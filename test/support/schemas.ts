// Validators for query answers: the OGC CoverageJSON schema (draft-07 bundle) plus the semantic checks a
// schema cannot express, and the EDR 1.1 schemas of landing page, conformance, collections, collection.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const STANDARDS = new URL('../fixtures/standards/', import.meta.url);
const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, STANDARDS), 'utf8'));
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function compile(schema: object, options: { formats?: boolean } = {}): ValidateFunction {
  const formats = options.formats ?? true;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: formats });
  if (formats) addFormats(ajv);
  // The ETS schemas declare draft-04; their keywords mean the same in draft-07.
  const rest: Record<string, unknown> = { ...schema };
  delete rest.$schema;
  return ajv.compile(rest);
}

const covjson = compile(readJson('covjson/ogc-coveragejson-standard/schema/coveragejson.json'));

const edrBundle = readJson('edr/ogcapi-edr-1.1-openapi/ogcapi-environmental-data-retrieval-1.bundled.json');
const edrSchema = (path: string) =>
  compile(edrBundle.paths[path].get.responses['200'].content['application/json'].schema);
// The EDR 1.1 text allows temporal `values` to be intervals ("start/end", as E-SOH writes them) but the
// schema types them as date-time; the collection schemas are checked with that one format relaxed.
const relaxTemporalValues = (schema: any): any => {
  const copy = structuredClone(schema);
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.properties?.temporal?.properties?.values?.items?.format === 'date-time')
      delete node.properties.temporal.properties.values.items.format;
    for (const v of Object.values(node)) visit(v);
  };
  visit(copy);
  return copy;
};
const relaxedEdrSchema = (path: string) =>
  compile(relaxTemporalValues(edrBundle.paths[path].get.responses['200'].content['application/json'].schema));
export const edrValidators = {
  landingPage: edrSchema('/'),
  conformance: edrSchema('/conformance'),
  collections: relaxedEdrSchema('/collections'),
  collection: relaxedEdrSchema('/collections/{collectionId}'),
  etsLandingPage: compile(readJson('edr/ets-ogcapi-edr10-jsonschema/landingPage.json')),
  etsConformance: compile(readJson('edr/ets-ogcapi-edr10-jsonschema/confClasses.json')),
  // The ETS wants feature ids to be URIs; E-SOH (and so obshub) uses WIGOS ids such as 0-20000-0-06260.
  etsGeojson: compile(readJson('edr/ets-ogcapi-edr10-jsonschema/geojson.json'), { formats: false }),
};

export function assertValid(validate: ValidateFunction, doc: unknown, what: string): void {
  const ok = validate(doc);
  assert.ok(ok, `${what} is invalid: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}

/** Checks a CoverageJSON document against the schema and the rules beyond it (checklist 36–39). */
export function assertCoverageJson(doc: any): void {
  assertValid(covjson, doc, 'CoverageJSON');
  const coverages = doc.type === 'CoverageCollection' ? doc.coverages : [doc];
  assert.ok(['Coverage', 'CoverageCollection'].includes(doc.type));
  for (const c of coverages) {
    assert.equal(c.type, 'Coverage');
    assert.equal(c.domain.domainType, 'PointSeries');
    const axes = c.domain.axes;
    assert.equal(axes.x.values.length, 1, 'PointSeries has one x');
    assert.equal(axes.y.values.length, 1, 'PointSeries has one y');
    assert.ok(axes.t.values.length >= 1, 'PointSeries has t values');
    const refs = c.domain.referencing.flatMap((r: any) => r.coordinates);
    for (const a of ['x', 'y', 't']) assert.ok(refs.includes(a), `referencing covers ${a}`);
    const parameters = { ...(doc.parameters ?? {}), ...(c.parameters ?? {}) };
    for (const [key, range] of Object.entries<any>(c.ranges)) {
      assert.ok(key in parameters, `range ${key} has a parameter`);
      assert.equal(
        range.values.length,
        range.shape.reduce((a: number, b: number) => a * b, 1),
      );
      assert.equal(range.shape[0], axes.t.values.length);
      for (const name of range.axisNames) assert.ok(name in axes, `axis ${name} exists`);
      assert.equal(range.dataType, 'float');
      for (const v of range.values) assert.ok(v === null || typeof v === 'number');
    }
    for (const p of Object.values<any>(parameters)) {
      assert.equal(typeof p.observedProperty.label.en, 'string', 'observedProperty.label is an i18n object');
    }
  }
}
