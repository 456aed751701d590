// Decoding speed on the corpus, in messages and values per second: all files, and the surface
// observation files alone (each group decoded repeatedly for ~3 s).
import { readFileSync } from 'node:fs';
import { corpusDir, corpusFiles } from './corpus.js';
import { decodeBufr } from '../src/index.js';

function measure(label: string, names: string[]): void {
  const files = names.map((f) => readFileSync(new URL(f, corpusDir)));
  let messages = 0;
  let values = 0;
  const start = performance.now();
  while (performance.now() - start < 3000) {
    for (const bytes of files) {
      for (const message of decodeBufr(bytes)) {
        messages++;
        for (const subset of message.subsets) values += subset.length;
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label} (${files.length} files): ${Math.round(messages / seconds)} messages/s, ` +
      `${Math.round(values / seconds)} values/s`,
  );
}

measure('whole corpus', corpusFiles());
measure(
  'surface observations',
  corpusFiles().filter((f) => /^(synop|surface|gts)-/.test(f)),
);
