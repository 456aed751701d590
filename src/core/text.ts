// Text that PostgreSQL can store: it refuses the NUL character (U+0000) in `text` and `jsonb`, and a lone
// UTF-16 surrogate is not Unicode at all (the driver would silently write U+FFFD instead). Input with
// either is refused where it arrives (textProblem); text we store ourselves, such as audit details that
// quote what a caller sent, is made storable instead (storableText), never dropped.

/**
 * A JSON Schema `pattern` (for a regular expression with the `u` flag, as Ajv compiles it) that storable
 * text matches: under `u`, a surrogate pair is one code point outside D800-DFFF, a lone one is inside.
 */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000\\ud800-\\udfff]*$';

const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored as it is (a NUL character or an unpaired surrogate), or undefined. */
export function textProblem(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  const lone = LONE_SURROGATE.exec(text)?.[0];
  if (lone !== undefined) {
    const code = lone.charCodeAt(0).toString(16);
    return `contains an unpaired surrogate (\\u${code}), which is not Unicode text`;
  }
  return undefined;
}

/** `text` made storable: each NUL written as the six characters `\u0000`, lone surrogates as U+FFFD. */
export function storableText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replaceAll('\u0000', '\\u0000').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
}

/** A JSON-like value with every string (keys of plain objects included) made storable. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  const proto: unknown =
    value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [storableText(k), storableJson(v)]),
    );
  }
  return value;
}
