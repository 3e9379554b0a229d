import { pickChoice, SKIP } from '../choices.ts';
import { toAsciiDigits } from '../normalise.ts';
import { parseReference } from '../reference.ts';
import { say } from '../run.ts';
import type { AskDef, Value } from '../types.ts';
import type { AskKind, AskResult } from './kind.ts';

const FORMAT_HINTS = { free: 'hint-text', reference: 'hint-reference', pin: 'hint-pin', 'pin-or-reference': 'hint-pin' } as const;

function parse(def: AskDef, text: string): Value | undefined {
  const trimmed = text.trim();
  switch (def.format ?? 'free') {
    case 'reference':
      return parseReference(trimmed) ?? undefined;
    case 'pin': {
      const digits = toAsciiDigits(trimmed).replace(/\s/g, '');
      return /^\d{6}$/.test(digits) ? digits : undefined;
    }
    // A PIN, or the reference typed again when the one before was wrong.
    case 'pin-or-reference':
      return parse({ ...def, format: 'pin' }, trimmed) ?? parse({ ...def, format: 'reference' }, trimmed);
    case 'free':
      return trimmed.length >= (def.min ?? 1) && trimmed.length <= (def.max ?? 2000) ? trimmed : undefined;
  }
}

export const text: AskKind = {
  prompt(def, _state, run) {
    say(run, def.prompt, def.optional ? [SKIP] : undefined);
  },
  answer(def, input, _state, run): AskResult {
    if (def.optional && pickChoice(run, [SKIP], input)) return { kind: 'value', value: null };
    const hint = def.hint ?? FORMAT_HINTS[def.format ?? 'free'];
    if (input.kind !== 'text') return { kind: 'invalid', hint };
    if ((def.format ?? 'free') === 'free' && input.text.trim().length > (def.max ?? 2000)) {
      return { kind: 'invalid', hint: 'hint-too-long' };
    }
    const value = parse(def, input.text);
    return value === undefined ? { kind: 'invalid', hint } : { kind: 'value', value };
  },
};
