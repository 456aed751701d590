// PostGIS for the embedded database, trimmed to what obshub uses. pglite-postgis's bundle holds PostGIS,
// its raster and topology modules and every upgrade script (91 MB unpacked); PGlite unpacks the bundle
// and compiles each of its WebAssembly modules every time a database opens, which took 3–4 s of the
// ~4 s an embedded database needed to open. obshub uses PostGIS's geometry and geography types only, so
// the embedded database gets a bundle of what they need: the PostGIS module, the extension's control
// file and install script, and PROJ's data (measures on the spheroid). It is made once from the
// package's bundle (about a second) and kept in the system's temporary directory, named after that
// bundle's path, size and time, so that another version of the package makes another one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import * as tar from 'tar';

/** What the embedded database needs of the bundle (paths inside it). */
const NEEDED = [
  /^lib\/postgresql\/postgis-3\.so$/,
  /^share\/postgresql\/extension\/postgis\.control$/,
  /^share\/postgresql\/extension\/postgis--[\d.]+\.sql$/, // the install script, not the upgrade paths
  /^share\/proj(\/|$)/,
];

const isNeeded = (entry: string) => NEEDED.some((pattern) => pattern.test(entry.replace(/^\.\//, '')));

/** The trimmed bundle made from `full` (a .tar.gz); made first when it is not there yet. */
async function trimmedBundle(full: string): Promise<string> {
  const { size, mtimeMs } = statSync(full);
  const id = createHash('sha1')
    .update(`${full}\n${size}\n${mtimeMs}\n${NEEDED.join('\n')}`)
    .digest('hex');
  const trimmed = path.join(tmpdir(), `obshub-postgis-${id.slice(0, 12)}.tar.gz`);
  if (existsSync(trimmed)) return trimmed;
  const work = mkdtempSync(path.join(tmpdir(), 'obshub-postgis-build-'));
  try {
    const unpacked = path.join(work, 'bundle');
    mkdirSync(unpacked);
    await tar.x({ file: full, cwd: unpacked, filter: isNeeded });
    const packed = path.join(work, 'bundle.tar.gz');
    await tar.c({ gzip: true, file: packed, cwd: unpacked, portable: true }, ['lib', 'share']);
    renameSync(packed, trimmed); // atomic: other processes making the same bundle at once do no harm
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return trimmed;
}

/** pglite-postgis's extension (its settings for PostGIS and PROJ), opening the trimmed bundle. */
export const embeddedPostgis: Extension = {
  name: 'postgis',
  async setup(pg, emscriptenOpts) {
    const full = await postgis.setup(pg, emscriptenOpts);
    if (!full.bundlePath) return full;
    const trimmed = await trimmedBundle(fileURLToPath(full.bundlePath));
    return { ...full, bundlePath: pathToFileURL(trimmed) };
  },
};
