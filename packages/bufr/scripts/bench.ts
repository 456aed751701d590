// Decoding speed on the corpus: messages and values per second (the corpus decoded repeatedly for ~3 s).
import { readFileSync } from 'node:fs';
import { corpusDir, corpusFiles } from './corpus.js';
import { decodeBufr } from '../src/index.js';

const files = corpusFiles().map((f) => readFileSync(new URL(f, corpusDir)));
let messages = 0;
let values = 0;
const start = performance.now();
let rounds = 0;
while (performance.now() - start < 3000) {
  for (const bytes of files) {
    for (const message of decodeBufr(bytes)) {
      messages++;
      for (const subset of message.subsets) values += subset.length;
    }
  }
  rounds++;
}
const seconds = (performance.now() - start) / 1000;
console.log(
  `${rounds} rounds of ${files.length} files: ${Math.round(messages / seconds)} messages/s, ` +
    `${Math.round(values / seconds)} values/s`,
);
