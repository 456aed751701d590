// Fuzzing with fast-check (fixed seed, bounded runs): corpus files with bytes changed, cut short or spliced
// must decode or fail with a BufrError inside the input, never crash, hang or exhaust memory.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import fc from 'fast-check';
import { corpusDir, corpusFiles } from '../scripts/corpus.js';
import { BufrError, decodeBufr } from '../src/index.js';

const files = corpusFiles().map((f) => Uint8Array.from(readFileSync(new URL(f, corpusDir))));
// A small value budget keeps every run fast even when a changed replication factor asks for millions.
const options = { maxValues: 200_000 };

function decodesOrFailsCleanly(bytes: Uint8Array): void {
  try {
    decodeBufr(bytes, options);
  } catch (error) {
    if (!(error instanceof BufrError)) throw error;
    assert.ok(error.offset >= 0 && error.offset <= bytes.length, `offset ${error.offset} outside the input`);
  }
}

const file = fc.integer({ min: 0, max: files.length - 1 }).map((i) => files[i]!);
const params = { seed: 20221231, numRuns: 400 };

it('survives changed bytes', () => {
  const changes = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
    minLength: 1,
    maxLength: 8,
  });
  fc.assert(
    fc.property(file, changes, (bytes, edits) => {
      const copy = Uint8Array.from(bytes);
      for (const [at, value] of edits) copy[at % copy.length] = value;
      decodesOrFailsCleanly(copy);
    }),
    params,
  );
});

it('survives files cut short and spliced', () => {
  fc.assert(
    fc.property(file, file, fc.nat(), fc.nat(), (a, b, cut, from) => {
      const head = a.subarray(0, cut % (a.length + 1));
      const tail = b.subarray(from % (b.length + 1));
      decodesOrFailsCleanly(head);
      decodesOrFailsCleanly(Uint8Array.from([...head, ...tail]));
    }),
    params,
  );
});

it('survives changes to the data section alone, where the replication factors are', () => {
  fc.assert(
    fc.property(file, fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, xor) => {
      const copy = Uint8Array.from(bytes);
      // The second half of a message is mostly section 4.
      const index = Math.floor(copy.length / 2) + (at % Math.max(1, Math.floor(copy.length / 2) - 4));
      copy[index] = copy[index]! ^ xor;
      decodesOrFailsCleanly(copy);
    }),
    params,
  );
});
