import type { AreaDef, Lang } from '../engine/types.ts';
import type { Sql } from '../store/db.ts';
import { activeTips, type Tip, tipLibraryVersion } from '../store/tips.ts';

/** How often a process asks whether the library changed: an edit in the console reaches residents within this. */
const CHECK_MS = 2_000;

/** The tips residents are shown, kept in memory and read again whenever any process changes them. */
export interface TipLibrary {
  /** A topic's tips in a language: those of the area first, then its district's, then the city-wide ones. */
  tips(sql: Sql, topic: string, lang: Lang, areaId: string | null): Promise<string[]>;
  /** Reads the library again on its next use; for changes made by this process, which need not wait. */
  invalidate(): void;
}

export function createTipLibrary(areas: AreaDef[], options: { checkMs?: number; now?: () => number } = {}): TipLibrary {
  const checkMs = options.checkMs ?? CHECK_MS;
  const now = options.now ?? Date.now;
  const districtOf = new Map(areas.map((a) => [a.id, a.district]));
  let byTopic = new Map<string, Tip[]>();
  let version = -1;
  let checkedAt = Number.NEGATIVE_INFINITY;

  async function current(sql: Sql): Promise<Map<string, Tip[]>> {
    if (now() - checkedAt < checkMs) return byTopic;
    const latest = await tipLibraryVersion(sql);
    if (latest !== version) {
      const next = new Map<string, Tip[]>();
      for (const tip of await activeTips(sql)) next.set(tip.topic, [...(next.get(tip.topic) ?? []), tip]);
      byTopic = next;
      version = latest;
    }
    checkedAt = now();
    return byTopic;
  }

  return {
    async tips(sql, topic, lang, areaId) {
      const all = (await current(sql)).get(topic) ?? [];
      const district = areaId ? districtOf.get(areaId) : null;
      const rank = (tip: Tip) => (tip.areaId === null ? 2 : tip.areaId === areaId ? 0 : tip.areaId === district ? 1 : -1);
      return all
        .filter((tip) => rank(tip) >= 0 && tip.texts[lang])
        .sort((a, b) => rank(a) - rank(b))
        .map((tip) => tip.texts[lang] as string);
    },
    invalidate() {
      checkedAt = Number.NEGATIVE_INFINITY;
    },
  };
}
