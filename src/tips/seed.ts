import { join } from 'node:path';
import { z } from 'zod';
import { type AreaDef, LANGUAGES, type Vars } from '../engine/types.ts';
import { FlowError, readValidated } from '../flows/load.ts';
import type { Catalog } from '../i18n/catalog.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../store/db.ts';
import { seedTopic, type TipTexts } from '../store/tips.ts';

/** Longest tip, in characters: one point of a chat message, not an essay. */
export const TIP_MAX_CHARS = 500;

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens');
const text = z.string().trim().min(1, 'must not be empty').max(TIP_MAX_CHARS, `must be at most ${TIP_MAX_CHARS} characters`);
const arabic = text.refine((value) => ARABIC_SCRIPT.test(value), 'must be written in Arabic script');
const tipSchema = z.strictObject({ area: id.optional(), en: text, ur: arabic, sd: arabic });
const seedSchema = z.record(id, z.array(tipSchema).min(1, 'a topic needs at least one tip'));

export interface SeedTip {
  areaId: string | null;
  texts: Required<TipTexts>;
}

/** The shipped tips per topic, as in data/tips.yaml, with the emergency numbers written in. */
export type TipSeed = Map<string, SeedTip[]>;

const LABEL = 'data/tips.yaml';

/**
 * Reads and checks data/tips.yaml: every tip in all three languages (Urdu and Sindhi in Arabic script), topics
 * the tips flow names, known areas and emergency numbers. Throws a FlowError naming the file and the entry.
 */
export function loadTipSeed(root: string, catalog: Catalog, areas: AreaDef[], constants: Vars): TipSeed {
  const problems: string[] = [];
  const data = readValidated(join(root, 'data', 'tips.yaml'), LABEL, seedSchema, problems);
  const seed: TipSeed = new Map();
  for (const [topic, tips] of Object.entries(data ?? {})) {
    if (!LANGUAGES.every((lang) => catalog.has(lang, `tips-topic-${topic}`))) problems.push(`${LABEL}: ${topic}: no locale key "tips-topic-${topic}" to name the topic`);
    seed.set(
      topic,
      tips.map((tip, index) => {
        const where = `${LABEL}: ${topic}[${index}]`;
        if (tip.area && !areas.some((a) => a.id === tip.area)) problems.push(`${where}.area: no area "${tip.area}" in data/areas.yaml`);
        const texts = Object.fromEntries(
          LANGUAGES.map((lang) => [
            lang,
            tip[lang].replace(PLACEHOLDER, (whole, name: string) => {
              const value = constants[name];
              if (value === undefined) problems.push(`${where}.${lang}: {${name}} is not an emergency number of data/emergency.yaml`);
              return value === undefined ? whole : String(value);
            }),
          ]),
        ) as Required<TipTexts>;
        return { areaId: tip.area ?? null, texts };
      }),
    );
  }
  if (problems.length > 0) throw new FlowError(problems);
  return seed;
}

/** Copies into the database every shipped topic it has not had yet; officers' tips and edits are never touched. */
export async function seedTips(db: Db, seed: TipSeed, log: Logger): Promise<void> {
  const seeded: string[] = [];
  for (const [topic, tips] of seed) {
    if (await db.tx((sql) => seedTopic(sql, topic, tips))) seeded.push(topic);
  }
  if (seeded.length > 0) log.info({ topics: seeded }, 'safety tips seeded from data/tips.yaml');
}
