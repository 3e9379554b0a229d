import type { Condition, StepDef, Value } from '../types.ts';
import type { StepKind } from './kind.ts';

function holds(condition: Condition, value: Value | undefined): boolean {
  if (condition.equals === undefined) return value !== undefined && value !== null && value !== false && value !== '';
  if (value !== null && typeof value === 'object' && 'choice' in value) return value.choice === condition.equals;
  return value === condition.equals;
}

export const branch: StepKind<Extract<StepDef, { kind: 'branch' }>> = (step, run) => {
  const taken = step.branch.find((arm) => holds(arm.when, run.session.vars[arm.when.var]));
  if (taken) return { kind: 'jump', target: taken.goto };
  return step.otherwise === undefined ? { kind: 'next' } : { kind: 'jump', target: step.otherwise };
};
