import type { Run } from '../run.ts';
import type { GotoTarget, StepDef } from '../types.ts';

/** What the engine does after a step: the next step, a jump, a pause (question or action) or the flow's end. */
export type Next = { kind: 'next' } | { kind: 'jump'; target: GotoTarget; quiet?: boolean } | { kind: 'pause' } | { kind: 'end' };

export type StepKind<S extends StepDef = StepDef> = (step: S, run: Run) => Next;
