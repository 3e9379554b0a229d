import fc from 'fast-check';

/**
 * Shared pieces of the property tests. Every run makes a fixed number of cases from a random seed; fast-check
 * prints the seed and the path of a failing case, and `FUZZ_SEED=<seed>` replays exactly that run.
 */
export function fuzzOptions(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED;
  return { numRuns, includeErrorInReport: true, ...(seed ? { seed: Number(seed) } : {}) };
}

const char = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCharCode(code));

/** Letters residents type: Urdu and Sindhi (Arabic script), Urdu and Arabic-Indic digits, Devanagari, CJK. */
const scripts = fc.oneof(char(0x0600, 0x06ff), char(0x06f0, 0x06f9), char(0x0660, 0x0669), char(0x0900, 0x097f), char(0x4e00, 0x4fff));
/** Control characters, NUL among them, and the zero-width and bidi marks chat apps add to copied text. */
const controls = fc.oneof(char(0x00, 0x1f), fc.constant('\u0000'), fc.constantFrom('\u200b', '\u200f', '\u202e', '\u2066', '\ufeff'));
/** Half of a surrogate pair, alone: not valid UTF-16, and not storable as text. */
const loneSurrogate = char(0xd800, 0xdfff);
const emoji = fc.constantFrom('😀', '🚓', '👍🏽', '👨‍👩‍👧', '🇵🇰', '❤️', '🔥');
/** Words the bot understands, so some cases also go somewhere: commands, emergency words, areas, numbers. */
const known = fc.constantFrom(
  'menu', '0', 'help', 'madad', 'بچاؤ', 'مدد', 'stop', 'start', 'language', 'officer', 'ha', 'nahi', 'جی ہاں', 'نہیں', 'skip',
  'korangi', 'کورنگی', 'Gulshan block 7', 'saddar', 'ملیر 15', 'korangy', 'garden', '1', '2', '3', '۳', '٣', '10', '99', '-1',
  'KHI-4F7K-Q9PX', '123456', '?', '!!!', '',
);

const mixed = fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), scripts, controls, loneSurrogate, emoji), maxLength: 80 });

/** A text as big as `size` characters, made of a random piece repeated. */
export const hugeText = (size: number) =>
  fc.string({ unit: fc.oneof(scripts, emoji, fc.constant(' '), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 40 }).map(
    (piece) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size),
  );

/** Anything a resident might send as text, from the expected to the absurd (huge texts: `hugeText`). */
export const residentText = fc.oneof(
  { arbitrary: known, weight: 3 },
  { arbitrary: mixed, weight: 6 },
  { arbitrary: fc.tuple(known, mixed).map(([a, b]) => `${a} ${b}`), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what makes a text unstorable.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** True when a text can be stored as PostgreSQL text and JSON: no NUL, no half of a surrogate pair. */
export const storable = (text: string) => !UNSTORABLE.test(text);
