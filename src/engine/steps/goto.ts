import type { StepDef } from '../types.ts';
import type { StepKind } from './kind.ts';

export const goto: StepKind<Extract<StepDef, { kind: 'goto' }>> = (step) => ({ kind: 'jump', target: step.goto, quiet: step.quiet === true });

export const end: StepKind<Extract<StepDef, { kind: 'end' }>> = () => ({ kind: 'end' });
