import { distance, fold, words } from './normalise.ts';
import type { AreaDef } from './types.ts';

export interface AreaMatch {
  /** The one area the text names, alone or among other words; null when it names none, or several. */
  area: AreaDef | null;
  /** Areas to ask the resident about, best first: several named at once, a word that may also mean something else, or close spellings. */
  candidates: AreaDef[];
  /** The text says more than the name it matched: a block, a sector, a street, a landmark. */
  more: boolean;
}

/** How residents spell areas, folded and without spaces ("shahfaisal", "ناظماباد"), built once per area list. */
interface AreaIndex {
  /** Spellings that name one area for sure. */
  sure: Map<string, AreaDef>;
  /** Spellings that may name these areas but are also ordinary words ("kia", "garden"): asked about, never taken. */
  unsure: Map<string, AreaDef[]>;
  /** Every spelling with its spaces, for close matches. */
  all: { area: AreaDef; spelling: string }[];
  /** How many words of a message one spelling can span (a resident may split a name: "gul shan"). */
  span: number;
}

/** A stretch of a message's words, and those words run together. */
interface Run {
  start: number;
  end: number;
  joined: string;
}

const compact = (folded: string) => folded.replaceAll(' ', '');

/** Each spelling as written in the data, with its folded form; the same folded form only once. */
function spellingsOf(written: string[]): [string, string][] {
  const seen = new Map<string, string>();
  for (const spelling of written) {
    const folded = fold(spelling);
    if (folded !== '' && !seen.has(folded)) seen.set(folded, spelling);
  }
  return [...seen].map(([folded, spelling]) => [spelling, folded]);
}

function build(areas: AreaDef[]): { index: AreaIndex; clashes: string[] } {
  const index: AreaIndex = { sure: new Map(), unsure: new Map(), all: [], span: 1 };
  const clashes: string[] = [];
  for (const area of areas) {
    for (const [written, spelling] of spellingsOf([...Object.values(area.names), ...area.aliases, area.id])) {
      const key = compact(spelling);
      const other = index.sure.get(key);
      if (other && other !== area) clashes.push(`"${written}" names both "${other.id}" and "${area.id}": list it under ambiguous for both`);
      index.sure.set(key, area);
      index.all.push({ area, spelling });
      index.span = Math.max(index.span, spelling.split(' ').length + 2);
    }
  }
  for (const area of areas) {
    for (const [written, spelling] of spellingsOf(area.ambiguous)) {
      const key = compact(spelling);
      const sure = index.sure.get(key);
      if (sure) clashes.push(`"${written}" is ambiguous for "${area.id}" but names "${sure.id}" for sure`);
      index.unsure.set(key, [...(index.unsure.get(key) ?? []), area]);
      index.all.push({ area, spelling });
    }
  }
  return { index, clashes };
}

// Area data never changes while the process runs; indexing it on every message would dominate a turn.
const indexes = new WeakMap<AreaDef[], AreaIndex>();

function indexOf(areas: AreaDef[]): AreaIndex {
  let index = indexes.get(areas);
  if (!index) {
    index = build(areas).index;
    indexes.set(areas, index);
  }
  return index;
}

/** Spellings that would make one typed word mean two places; the flow loader reports them. */
export function areaSpellingClashes(areas: AreaDef[]): string[] {
  return build(areas).clashes;
}

function runsOf(tokens: string[], span: number): Run[] {
  const runs: Run[] = [];
  for (let start = 0; start < tokens.length; start++) {
    let joined = '';
    for (let end = start + 1; end <= Math.min(tokens.length, start + span); end++) {
      joined += tokens[end - 1];
      runs.push({ start, end, joined });
    }
  }
  return runs;
}

const overlaps = (a: Run, b: Run) => a.start < b.end && b.start < a.end;
const covers = (runs: Run[], tokens: string[]) => tokens.every((_, i) => runs.some((r) => r.start <= i && i < r.end));

/** Areas named for sure, longest name first; a name inside a longer one ("nazimabad" in "north nazimabad") does not count. */
function named(index: AreaIndex, runs: Run[]): { area: AreaDef; run: Run }[] {
  const hits = runs
    .flatMap((run) => {
      const area = index.sure.get(run.joined);
      return area ? [{ area, run }] : [];
    })
    .sort((a, b) => b.run.joined.length - a.run.joined.length || a.run.start - b.run.start);
  const kept: { area: AreaDef; run: Run }[] = [];
  for (const hit of hits) if (kept.every((k) => !overlaps(k.run, hit.run))) kept.push(hit);
  // "Clifton, Karachi South": a district named beside one of its own areas adds nothing.
  return kept.filter((hit) => hit.area.kind !== 'district' || !kept.some((k) => k.area.district === hit.area.id));
}

/** How far `typed` is from a spelling, allowing one typo per four letters; names under five letters must be exact ("tha" is not "dha"). */
function closeness(typed: string, spelling: string): number {
  if (spelling.length < 5) return Number.POSITIVE_INFINITY;
  const limit = Math.floor(spelling.length / 4);
  const d = distance(typed, spelling, limit);
  if (d <= limit) return d;
  // "north" for "north nazimabad": a typed word that starts a longer name.
  return spelling.startsWith(`${typed} `) ? 1 : Number.POSITIVE_INFINITY;
}

/** Areas spelt closely by a stretch of up to three words, best first, with the stretches that spell the best one. */
function close(index: AreaIndex, tokens: string[], max: number): { areas: AreaDef[]; runs: Run[] } {
  const found = new Map<AreaDef, { score: number; runs: Run[] }>();
  for (const run of runsOf(tokens, 3)) {
    const typed = tokens.slice(run.start, run.end).join(' ');
    if (typed.length < 4) continue;
    for (const { area, spelling } of index.all) {
      const score = closeness(typed, spelling);
      if (!Number.isFinite(score)) continue;
      const seen = found.get(area) ?? { score, runs: [] };
      found.set(area, { score: Math.min(seen.score, score), runs: [...seen.runs, run] });
    }
  }
  const ranked = [...found].sort((a, b) => a[1].score - b[1].score).slice(0, max);
  return { areas: ranked.map(([area]) => area), runs: ranked[0]?.[1].runs ?? [] };
}

/**
 * The area a message names, however it is written around it: "Gulshan block 7", "DHA phase 6", "ملیر 15",
 * "shahfaisal colony no 3". The longest known name wins; several areas, ambiguous words and near misses are
 * returned as candidates to ask about.
 */
export function matchArea(areas: AreaDef[], text: string, max = 4): AreaMatch {
  const index = indexOf(areas);
  const tokens = words(text);
  const runs = runsOf(tokens, index.span);
  const hits = named(index, runs);
  const found = [...new Set(hits.map((h) => h.area))];
  const more = (used: Run[]) => !covers(used, tokens);
  if (found.length === 1) return { area: found[0] ?? null, candidates: [], more: more(hits.map((h) => h.run)) };
  if (found.length > 1) return { area: null, candidates: found.slice(0, max), more: more(hits.map((h) => h.run)) };
  const unsure = runs.filter((run) => index.unsure.has(run.joined));
  if (unsure.length > 0) {
    const candidates = [...new Set(unsure.flatMap((run) => index.unsure.get(run.joined) ?? []))];
    return { area: null, candidates: candidates.slice(0, max), more: more(unsure) };
  }
  const near = close(index, tokens, max);
  return { area: null, candidates: near.areas, more: near.areas.length > 0 && more(near.runs) };
}
