import { pickChoice, SKIP } from '../choices.ts';
import { say } from '../run.ts';
import type { AskKind } from './kind.ts';

/** Where exactly: a shared location, or a landmark or street typed out. */
export const place: AskKind = {
  prompt(def, _state, run) {
    say(run, def.prompt, def.optional ? [SKIP] : undefined);
  },
  answer(def, input, _state, run) {
    if (input.kind === 'location') return { kind: 'value', value: { lat: input.lat, lng: input.lng } };
    if (def.optional && pickChoice(run, [SKIP], input)) return { kind: 'value', value: null };
    if (input.kind === 'text') {
      const typed = input.text.trim();
      if (typed.length > (def.max ?? 300)) return { kind: 'invalid', hint: 'hint-too-long' };
      if (typed.length >= (def.min ?? 3)) return { kind: 'value', value: typed };
    }
    return { kind: 'invalid', hint: def.hint ?? 'hint-place' };
  },
};
