import { distance, fold } from './normalise.ts';
import type { AreaDef } from './types.ts';

export interface AreaMatch {
  /** The area the text names exactly (by a name or a known spelling), if any. */
  exact: AreaDef | null;
  /** Close spellings, best first, when nothing matched exactly. */
  candidates: AreaDef[];
}

// Area data never changes while the process runs; folding every spelling on every message would dominate a turn.
const folded = new WeakMap<AreaDef, string[]>();

function spellings(area: AreaDef): string[] {
  let cached = folded.get(area);
  if (!cached) {
    cached = [...new Set([...Object.values(area.names), ...area.aliases, area.id].map(fold))];
    folded.set(area, cached);
  }
  return cached;
}

/** How far `typed` is from the nearest spelling of an area, allowing one typo per four letters. */
function closeness(typed: string, area: AreaDef): number {
  let best = Number.POSITIVE_INFINITY;
  for (const spelling of spellings(area)) {
    const limit = Math.max(1, Math.floor(spelling.length / 4));
    const d = distance(typed, spelling, limit);
    if (d <= limit) best = Math.min(best, d);
    // "gulshan" for "gulshan e iqbal": a typed word that starts a longer name.
    if (typed.length >= 4 && spelling.startsWith(`${typed} `)) best = Math.min(best, 1);
  }
  return best;
}

export function matchArea(areas: AreaDef[], text: string, max = 4): AreaMatch {
  const typed = fold(text);
  if (typed === '') return { exact: null, candidates: [] };
  const exact = areas.find((area) => spellings(area).includes(typed)) ?? null;
  if (exact) return { exact, candidates: [] };
  const candidates = areas
    .map((area) => ({ area, score: closeness(typed, area) }))
    .filter((c) => Number.isFinite(c.score))
    .sort((a, b) => a.score - b.score)
    .slice(0, max)
    .map((c) => c.area);
  return { exact: null, candidates };
}
