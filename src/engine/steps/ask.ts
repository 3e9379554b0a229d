import { ASKS } from '../asks/index.ts';
import { startWait } from '../run.ts';
import type { StepDef } from '../types.ts';
import type { StepKind } from './kind.ts';

export const ask: StepKind<Extract<StepDef, { kind: 'ask' }>> = (step, run) => {
  run.session.ask = null;
  run.session.retries = 0;
  if (!run.quiet) ASKS[step.ask.type].prompt(step.ask, null, run);
  run.quiet = false;
  startWait(run);
  return { kind: 'pause' };
};
