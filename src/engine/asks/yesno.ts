import { NO, pickChoice, YES } from '../choices.ts';
import { say } from '../run.ts';
import type { AskKind } from './kind.ts';

const YES_NO = [YES, NO];

export const yesno: AskKind = {
  prompt(def, _state, run) {
    say(run, def.prompt, YES_NO);
  },
  answer(def, input, _state, run) {
    const picked = pickChoice(run, YES_NO, input);
    return picked ? { kind: 'value', value: picked === YES } : { kind: 'invalid', hint: def.hint ?? 'hint-yesno' };
  },
};
