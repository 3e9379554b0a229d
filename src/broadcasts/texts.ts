import { LANGUAGES, type Lang } from '../engine/types.ts';

/** An alert as its sender wrote it, in the languages they wrote it in. */
export type AlertTexts = Partial<Record<Lang, string>>;

/** The longest alert text taken: it must fit one Telegram message with its heading and footer. */
export const MAX_ALERT_CHARS = 3500;

/**
 * Whom a missing language leaves with which text. Urdu is read by most residents, English by the rest: a
 * Sindhi reader without Sindhi gets Urdu, then English; an Urdu reader gets English, then Sindhi.
 */
const FALLBACK: Record<Lang, Lang[]> = {
  ur: ['ur', 'en', 'sd'],
  sd: ['sd', 'ur', 'en'],
  en: ['en', 'ur', 'sd'],
};

/** The language a resident of `lang` reads the alert in; null when the alert has no text at all. */
export function textLanguageFor(texts: AlertTexts, lang: Lang): Lang | null {
  return FALLBACK[lang].find((l) => (texts[l] ?? '').trim() !== '') ?? null;
}

export interface MissingLanguage {
  /** Residents who read this language… */
  lang: Lang;
  /** …get the alert in this one. */
  gets: Lang;
}

/** Each language without a text and what its readers get instead, for the sender to see before sending. */
export function missingLanguages(texts: AlertTexts): MissingLanguage[] {
  return LANGUAGES.filter((lang) => !(texts[lang] ?? '').trim()).flatMap((lang) => {
    const gets = textLanguageFor(texts, lang);
    return gets ? [{ lang, gets }] : [];
  });
}

const NAMES: Record<Lang, string> = { ur: 'Urdu', sd: 'Sindhi', en: 'English' };

/** The warnings of `missingLanguages` as sentences for an operator ("Sindhi readers will get the Urdu text"). */
export function missingLanguageWarnings(texts: AlertTexts): string[] {
  return missingLanguages(texts).map(({ lang, gets }) => `no ${NAMES[lang]} text: ${NAMES[lang]} readers will get the ${NAMES[gets]} text`);
}

/** Why these texts cannot be sent; null when they can. */
export function textsProblem(texts: AlertTexts): string | null {
  const given = LANGUAGES.filter((lang) => (texts[lang] ?? '').trim());
  if (given.length === 0) return 'an alert needs a text in at least one of en, ur, sd';
  const long = given.find((lang) => (texts[lang] ?? '').length > MAX_ALERT_CHARS);
  if (long) return `the ${NAMES[long]} text is longer than ${MAX_ALERT_CHARS} characters`;
  return null;
}
