import { pickChoice, SKIP } from '../choices.ts';
import { say } from '../run.ts';
import type { AskKind } from './kind.ts';

export const photo: AskKind = {
  prompt(def, _state, run) {
    say(run, def.prompt, def.optional ? [SKIP] : undefined);
  },
  answer(def, input, _state, run) {
    if (input.kind === 'photo') return { kind: 'value', value: { media: input.media } };
    if (def.optional && pickChoice(run, [SKIP], input)) return { kind: 'value', value: null };
    return { kind: 'invalid', hint: def.hint ?? 'hint-photo' };
  },
};
