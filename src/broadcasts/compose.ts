import type { Lang } from '../engine/types.ts';
import type { Catalog } from '../i18n/catalog.ts';
import type { OutboundMessage } from '../messages.ts';
import { type AlertTexts, textLanguageFor } from './texts.ts';

export interface AlertToCompose {
  texts: AlertTexts;
  urgent: boolean;
}

/**
 * An alert as a resident of `lang` receives it: the police's text in their language (or the one it falls back
 * to) inside a heading and a footer in their own. An urgent alert that reaches them in their quiet hours says why.
 */
export function composeAlert(catalog: Catalog, constants: Record<string, unknown>, alert: AlertToCompose, lang: Lang, overridesQuietHours: boolean): OutboundMessage {
  const textLang = textLanguageFor(alert.texts, lang) ?? lang;
  const police = String(constants.police ?? '15');
  const body = catalog.format(lang, alert.urgent ? 'alert-delivery-urgent' : 'alert-delivery', { text: (alert.texts[textLang] ?? '').trim(), police });
  return { text: overridesQuietHours ? `${body}\n\n${catalog.format(lang, 'alert-quiet-override')}` : body };
}
