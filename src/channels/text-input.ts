import type { ResidentInput } from '../messages.ts';

// NUL and halves of surrogate pairs: PostgreSQL stores neither in text or JSON, and no keyboard types them.
// With the `u` flag a whole surrogate pair (an emoji) is one code point and does not match.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/gu;

/** Why a text a client sent cannot be taken as it is, said so the client can fix it; null when it can. */
export function unstorableText(text: string): string | null {
  const found = text.match(UNSTORABLE)?.[0];
  if (found === undefined) return null;
  return found === '\u0000' ? 'text contains a NUL character' : 'text contains half of a surrogate pair (not valid UTF-16)';
}

/** Counted in code points, as the web chat's schema counts them: a surrogate pair is one. */
const longerThan = (text: string, max: number) => text.length > max && [...text].length > max;

/**
 * A text from a platform as a conversation takes it. Platforms cannot be answered with an error, so characters
 * that cannot be stored are dropped, and a text too long to take, or left empty, is explained to the resident.
 */
export function textInput(text: string, maxChars: number): ResidentInput {
  const clean = text.replace(UNSTORABLE, '');
  if (longerThan(clean, maxChars)) return { kind: 'unsupported', reason: 'too-long' };
  if (clean.trim() === '') return { kind: 'unsupported' };
  return { kind: 'text', text: clean };
}
