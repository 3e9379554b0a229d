import { type AreaDef, LANGUAGES, type Label, type Lang, type Reply, type Value } from '../engine/types.ts';
import type { Catalog } from './catalog.ts';

/** A message as every channel receives it: text, plus choices the channel shows as buttons or a numbered list. */
export interface RenderedMessage {
  text: string;
  choices?: { id: string; label: string }[];
  /** It belongs to an anonymous report (its receipt, its status): kept nowhere once delivered. */
  secret?: true;
}

export interface Renderer {
  /** One turn's replies as one message (fewer messages keep within platform rate limits); null when none. */
  render(replies: Reply[]): RenderedMessage | null;
  label(lang: Lang, label: Label): string;
}

/** Before a resident picks a language, messages are shown in all three, Urdu first. */
const ALL = LANGUAGES;

// Latin digits in every language: references and PINs use them too, and residents type them back.
const dateFormats = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    new Intl.DateTimeFormat(`${lang}-PK`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Karachi', numberingSystem: 'latn' }),
  ]),
) as Record<Lang, Intl.DateTimeFormat>;

export function createRenderer(catalog: Catalog, areas: AreaDef[]): Renderer {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const nameOf = (lang: Lang, id: string) => byId.get(id)?.names[lang] ?? id;

  function label(lang: Lang, l: Label): string {
    if ('key' in l) return catalog.format(lang, l.key);
    if ('area' in l) return nameOf(lang, l.area);
    // "Karachi South District (Saddar, Clifton, Lyari)": residents know their area better than its district.
    const [first = '', second = '', third = ''] = (byId.get(l.district)?.offered ?? []).map((id) => nameOf(lang, id));
    return catalog.format(lang, 'area-district-choice', { district: nameOf(lang, l.district), first, second, third });
  }

  function show(lang: Lang, value: Value): string {
    if (value === null) return catalog.format(lang, 'value-none');
    if (typeof value === 'boolean') return catalog.format(lang, value ? 'choice-yes' : 'choice-no');
    if (typeof value !== 'object') return String(value);
    if ('choice' in value) return catalog.format(lang, value.label);
    if ('key' in value) return catalog.format(lang, value.key);
    if ('area' in value) return label(lang, value);
    if ('media' in value) return catalog.format(lang, 'value-photo');
    if ('date' in value) return dateFormats[lang].format(new Date(value.date));
    return `${value.lat.toFixed(5)}, ${value.lng.toFixed(5)}`;
  }

  function text(lang: Lang, reply: Reply): string {
    const args: Record<string, string | number> = {};
    // Numbers stay numbers, so that texts can choose their plural form ("1 report", "3 reports").
    for (const [name, value] of Object.entries(reply.args ?? {})) args[name] = typeof value === 'number' ? value : show(lang, value);
    return catalog.format(lang, reply.key, args);
  }

  function one(reply: Reply): RenderedMessage {
    const langs = reply.lang ? [reply.lang] : ALL;
    const choices = reply.choices?.map((c) => ({
      id: c.id,
      label: [...new Set(langs.map((lang) => label(lang, c.label)))].join(' / '),
    }));
    // While the conversation holds a PIN (an anonymous report's receipt, or its status shown after the PIN),
    // what it says belongs to that report: the whole message is a secret.
    const secret = reply.args?.pin != null;
    return { text: langs.map((lang) => text(lang, reply)).join('\n\n'), ...(choices ? { choices } : {}), ...(secret ? { secret: true as const } : {}) };
  }

  return {
    label,
    render(replies) {
      const parts = replies.map(one);
      const last = parts.at(-1);
      if (!last) return null;
      // Only the last reply's choices still apply: earlier questions of the turn were already answered.
      const { secret: _, ...shown } = last;
      return { ...shown, text: parts.map((p) => p.text).join('\n\n'), ...(parts.some((p) => p.secret) ? { secret: true as const } : {}) };
    },
  };
}
