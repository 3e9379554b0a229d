import { say as sayReply } from '../run.ts';
import type { StepDef } from '../types.ts';
import type { StepKind } from './kind.ts';

export const say: StepKind<Extract<StepDef, { kind: 'say' }>> = (step, run) => {
  sayReply(run, step.say);
  return { kind: 'next' };
};
