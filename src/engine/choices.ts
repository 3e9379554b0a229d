import { fold, parseNumber } from './normalise.ts';
import type { Run } from './run.ts';
import { LANGUAGES, type Choice, type Input } from './types.ts';

export const SKIP: Choice = { id: 'skip', label: { key: 'choice-skip' } };

/** Every text that selects a choice: its id, its keywords and its label in each language. */
function namesOf(run: Run, choice: Choice): string[] {
  const names = [choice.id, ...(run.set.keywords.choices[choice.id] ?? [])];
  const { label } = choice;
  if ('key' in label) {
    for (const lang of LANGUAGES) names.push(run.set.label(lang, label.key) ?? '');
  } else {
    const area = run.set.areas.find((a) => a.id === label.area);
    if (area) names.push(...Object.values(area.names), ...area.aliases);
  }
  return names.map(fold).filter((name) => name !== '');
}

/** The choice an input selects: a button press, its number in the list, or its name typed out. */
export function pickChoice(run: Run, choices: Choice[], input: Input): Choice | null {
  if (input.kind === 'choice') return choices.find((c) => c.id === input.id) ?? null;
  if (input.kind !== 'text') return null;
  const number = parseNumber(input.text);
  if (number !== null) return choices[number - 1] ?? null;
  const typed = fold(input.text);
  return choices.find((choice) => namesOf(run, choice).includes(typed)) ?? null;
}
