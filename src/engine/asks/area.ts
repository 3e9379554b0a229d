import { matchArea } from '../areas.ts';
import { pickChoice } from '../choices.ts';
import type { Run } from '../run.ts';
import { say } from '../run.ts';
import type { AskState, Choice } from '../types.ts';
import type { AskKind, AskResult } from './kind.ts';

/** Longest answer taken, by default: it may become the place of a report, which takes as much. */
const MAX_ANSWER = 300;

const NONE: Choice = { id: 'none', label: { key: 'choice-none-of-these' } };

const areaChoice = (id: string): Choice => ({ id, label: { area: id } });

/**
 * Area questions go in stages: the resident types a name or picks a district; a district opens its best-known
 * areas, and itself for any other area in it; a name that is almost right, or could mean several places,
 * opens a short "did you mean" list.
 */
function stageChoices(state: AskState | null, run: Run): Choice[] {
  const { areas } = run.set;
  switch (state?.stage ?? 'start') {
    case 'district': {
      const district = areas.find((a) => a.id === state?.options?.[0]);
      if (!district) return [];
      return [...district.offered.map(areaChoice), { id: district.id, label: { key: 'area-other-in-district' } }];
    }
    case 'confirm':
      return [...(state?.options ?? []).map(areaChoice), NONE];
    default: {
      const districts: Choice[] = areas.filter((a) => a.kind === 'district').map((a) => ({ id: a.id, label: { district: a.id } }));
      const known = run.session.area;
      return known && areas.some((a) => a.id === known) ? [areaChoice(known), ...districts] : districts;
    }
  }
}

const PROMPTS: Record<string, string> = { district: 'area-pick-town', confirm: 'area-did-you-mean' };

function chosen(id: string, state: AskState | null, run: Run, detail: string | null): AskResult {
  const area = run.set.areas.find((a) => a.id === id);
  if (area?.kind === 'district' && state?.stage !== 'district') {
    return { kind: 'stage', state: { stage: 'district', options: [area.id], ...(detail ? { text: detail } : {}) } };
  }
  return { kind: 'value', value: { area: id }, detail };
}

export const area: AskKind = {
  prompt(def, state, run) {
    say(run, PROMPTS[state?.stage ?? ''] ?? def.prompt, stageChoices(state, run));
  },
  answer(def, input, state, run) {
    const picked = pickChoice(run, stageChoices(state, run), input);
    if (picked?.id === NONE.id) return { kind: 'stage', state: { stage: 'start' } };
    if (picked) return chosen(picked.id, state, run, state?.text ?? null);
    if (input.kind !== 'text') return { kind: 'invalid', hint: def.hint ?? 'hint-area' };
    // Matching near misses costs time with every word: a long answer would hold the worker for seconds.
    if (input.text.trim().length > (def.max ?? MAX_ANSWER)) return { kind: 'invalid', hint: 'hint-too-long' };
    const match = matchArea(run.set.areas, input.text);
    const detail = match.more ? input.text.trim() : null;
    if (match.area) return chosen(match.area.id, state, run, detail);
    if (match.candidates.length > 0) {
      return { kind: 'stage', state: { stage: 'confirm', options: match.candidates.map((a) => a.id), ...(detail ? { text: detail } : {}) } };
    }
    return { kind: 'invalid', hint: def.hint ?? 'hint-area' };
  },
};
