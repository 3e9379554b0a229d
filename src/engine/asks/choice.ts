import { pickChoice, SKIP } from '../choices.ts';
import { truncate } from '../normalise.ts';
import type { Run } from '../run.ts';
import { say } from '../run.ts';
import type { AskDef, Choice } from '../types.ts';
import type { AskKind } from './kind.ts';

function choicesOf(def: AskDef): Choice[] {
  const choices = (def.choices ?? []).map((c) => ({ id: c.id, label: { key: c.label } }));
  return def.optional ? [...choices, SKIP] : choices;
}

/** A pick from a fixed list; with `text: true` a typed answer that is not on the list is kept as text. */
export const choice: AskKind = {
  prompt(def, _state, run: Run) {
    say(run, def.prompt, choicesOf(def));
  },
  answer(def, input, _state, run) {
    const picked = pickChoice(run, choicesOf(def), input);
    if (picked?.id === SKIP.id) return { kind: 'value', value: null };
    if (picked && 'key' in picked.label) return { kind: 'value', value: { choice: picked.id, label: picked.label.key } };
    if (def.text && input.kind === 'text' && input.text.trim().length >= (def.min ?? 2)) {
      return { kind: 'value', value: truncate(input.text.trim(), def.max ?? 500) };
    }
    return { kind: 'invalid', hint: def.hint ?? 'hint-choice' };
  },
};
