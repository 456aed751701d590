// The TypeScript types of the hub's API (src/api/schema.d.ts) from its OpenAPI document, with
// openapi-typescript. `npm run api:types -w web [-- <url of /openapi.json>]` rewrites them from a running hub;
// the browser tests check that the committed file equals what the hub's document gives.
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

export const SCHEMA_FILE = new URL('../src/api/schema.d.ts', import.meta.url);

const HEADER = `// Generated from the hub's /openapi.json by web/scripts/apiTypes.ts (npm run api:types -w web): do not edit.\n\n`;

export async function apiTypes(document: OpenAPI3): Promise<string> {
  return HEADER + astToString(await openapiTS(document, { alphabetize: true }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? 'http://127.0.0.1:8080/openapi.json';
  const document = (await (await fetch(url)).json()) as OpenAPI3;
  writeFileSync(SCHEMA_FILE, await apiTypes(document));
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
}
