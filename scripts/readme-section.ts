// The generated sections of README.md sit between `<!-- NAME:start … -->` and `<!-- NAME:end -->` markers.
import { readFileSync, writeFileSync } from 'node:fs';

const pattern = (name: string) =>
  new RegExp(`(<!-- ${name}:start[^>]*-->\\n)([\\s\\S]*?)(\\n<!-- ${name}:end -->)`);

/** The text of the README's section `name`, or undefined when its markers are missing. */
export function readmeSection(name: string, readme = readFileSync('README.md', 'utf8')): string | undefined {
  return pattern(name).exec(readme)?.[2];
}

/** Replaces the README's section `name` with `text`. */
export function writeReadmeSection(name: string, text: string): void {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync(
    'README.md',
    readme.replace(pattern(name), (_, start: string, _old: string, end: string) => start + text + end),
  );
}
