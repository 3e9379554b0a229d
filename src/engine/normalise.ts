/**
 * Folding of what residents type so that matching does not depend on script variants, digits, case or
 * diacritics. Used only for comparing; the original text is what gets stored.
 */

// Eastern Arabic (٠-٩) and Extended Arabic-Indic / Urdu (۰-۹) digits.
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
// Tatweel, and the zero-width and bidi controls that chat apps add to copied text. Combining marks (harakat,
// hamza, Latin accents) go with NFKD decomposition.
const MARKS = /[\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// Arabic letter shapes that Urdu and Sindhi keyboards produce interchangeably.
const LETTERS: Record<string, string> = {
  ي: 'ی',
  ى: 'ی',
  ې: 'ی',
  ك: 'ک',
  ۀ: 'ہ',
  ة: 'ہ',
  ه: 'ہ',
  ھ: 'ہ',
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

export function toAsciiDigits(text: string): string {
  return text.replace(DIGITS, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

/**
 * Lower-cased, digit-folded, diacritic-free text with single spaces and no surrounding punctuation. A letter
 * typed twice or more counts once: residents stretch words ("bachaooo", "nahiii") and double letters freely
 * ("saddar", "sadar"). Digits are left alone ("1122").
 */
export function fold(text: string): string {
  return toAsciiDigits(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(MARKS, '')
    .replace(LETTER_RE, (c) => LETTERS[c] ?? c)
    .toLowerCase()
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/[-_.,،؛;:!?؟"'`()[\]{}]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a folded text, for keyword matching inside longer messages. */
export function words(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : folded.split(' ');
}

/** The text cut to `max` UTF-16 units, one fewer where the cut would split a surrogate pair (an emoji). */
export function truncate(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Parses "3", "۳", " 3. " as 3; anything else as null. */
export function parseNumber(text: string): number | null {
  const match = /^\s*(\d{1,3})\s*[.)]?\s*$/.exec(toAsciiDigits(text));
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Edit distance, bounded: returns `limit + 1` as soon as the distance exceeds `limit`. */
export function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
