import type { StepDef } from '../types.ts';
import type { StepKind } from './kind.ts';

/** Hands the action to the host, which runs it and resumes the engine with its result. */
export const action: StepKind<Extract<StepDef, { kind: 'action' }>> = (step, run) => {
  run.action = { name: step.action, vars: { ...run.session.vars } };
  return { kind: 'pause' };
};
