import { pickChoice } from '../choices.ts';
import { say } from '../run.ts';
import type { Choice } from '../types.ts';
import type { AskKind } from './kind.ts';

const YES_NO: Choice[] = [
  { id: 'yes', label: { key: 'choice-yes' } },
  { id: 'no', label: { key: 'choice-no' } },
];

export const yesno: AskKind = {
  prompt(def, _state, run) {
    say(run, def.prompt, YES_NO);
  },
  answer(def, input, _state, run) {
    const picked = pickChoice(run, YES_NO, input);
    return picked ? { kind: 'value', value: picked.id === 'yes' } : { kind: 'invalid', hint: def.hint ?? 'hint-yesno' };
  },
};
