import { fold, parseNumber, words } from './normalise.ts';
import type { Run } from './run.ts';
import { LANGUAGES, type Choice, type Input } from './types.ts';

export const SKIP: Choice = { id: 'skip', label: { key: 'choice-skip' } };
export const YES: Choice = { id: 'yes', label: { key: 'choice-yes' } };
export const NO: Choice = { id: 'no', label: { key: 'choice-no' } };

/** At an optional question, "no" ("nahi", "نہیں", "نه") means skip. */
const ALSO_NAMED_AS: Record<string, string[]> = { [SKIP.id]: [NO.id] };

// Names depend only on the flow set and the choice; folding them again for every message is wasted work.
const namesCache = new WeakMap<object, Map<string, string[]>>();

/** Every text that selects a choice: its id, its keywords and its label in each language. */
function namesOf(run: Run, choice: Choice): string[] {
  let byChoice = namesCache.get(run.set);
  if (!byChoice) {
    byChoice = new Map();
    namesCache.set(run.set, byChoice);
  }
  const key = `${choice.id}\u0000${JSON.stringify(choice.label)}`;
  let names = byChoice.get(key);
  if (!names) {
    names = computeNames(run, choice);
    byChoice.set(key, names);
  }
  return names;
}

function computeNames(run: Run, choice: Choice): string[] {
  const ids = [choice.id, ...(ALSO_NAMED_AS[choice.id] ?? [])];
  const names = ids.flatMap((id) => [id, ...(run.set.keywords.choices[id] ?? [])]);
  const { label } = choice;
  if ('key' in label) {
    for (const lang of LANGUAGES) names.push(run.set.label(lang, label.key) ?? '');
  } else {
    const id = 'area' in label ? label.area : label.district;
    const area = run.set.areas.find((a) => a.id === id);
    if (area) names.push(...Object.values(area.names), ...area.aliases);
  }
  return names.map(fold).filter((name) => name !== '');
}

/**
 * A choice whose name, of two words or more, appears word for word inside a longer message ("mobile phone
 * snatching near my house"); only when one choice fits better than every other. Never "skip": in a longer
 * answer ("pata nahi, shayad Nipa ke paas") its words are part of the answer.
 */
function containedChoice(run: Run, choices: Choice[], typed: string[]): Choice | null {
  const scored = choices.filter((choice) => choice.id !== SKIP.id).map((choice) => {
    const best = Math.max(
      0,
      ...namesOf(run, choice)
        .map((name) => name.split(' '))
        .filter((nameWords) => nameWords.length >= 2 && nameWords.every((w) => typed.includes(w)))
        .map((nameWords) => nameWords.length),
    );
    return { choice, best };
  });
  scored.sort((a, b) => b.best - a.best);
  const [first, second] = scored;
  return first && first.best > 0 && first.best > (second?.best ?? 0) ? first.choice : null;
}

/** The choice an input selects: a button press, its number in the list, or its name typed out. */
export function pickChoice(run: Run, choices: Choice[], input: Input): Choice | null {
  if (input.kind === 'choice') return choices.find((c) => c.id === input.id) ?? null;
  if (input.kind !== 'text') return null;
  const number = parseNumber(input.text);
  if (number !== null) return choices[number - 1] ?? null;
  const typed = fold(input.text);
  return choices.find((choice) => namesOf(run, choice).includes(typed)) ?? containedChoice(run, choices, words(input.text));
}
