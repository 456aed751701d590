// Every corpus file decodes to what ecCodes' bufr_dump says it holds (corpus/expected, made by
// scripts/dump-corpus.ts; `npm run test:eccodes` checks those dumps against a live bufr_dump).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusDir, corpusFiles, decodeFile, differences, readExpected } from '../scripts/corpus.js';

describe('the corpus decodes value for value as ecCodes decodes it', () => {
  const files = corpusFiles();
  it('has files', () => assert.ok(files.length > 0));
  for (const file of files) {
    it(file, () => {
      const decoded = decodeFile(readFileSync(new URL(file, corpusDir)));
      assert.deepEqual(differences(readExpected(file).messages, decoded), []);
    });
  }
});
