import type { Run } from '../run.ts';
import type { StepDef } from '../types.ts';
import { action } from './action.ts';
import { ask } from './ask.ts';
import { branch } from './branch.ts';
import { end, goto } from './goto.ts';
import type { Next } from './kind.ts';
import { say } from './say.ts';

/** Runs one step of any kind. The switch keeps each kind's step type narrowed for its implementation. */
export function runStep(step: StepDef, run: Run): Next {
  switch (step.kind) {
    case 'say':
      return say(step, run);
    case 'ask':
      return ask(step, run);
    case 'branch':
      return branch(step, run);
    case 'action':
      return action(step, run);
    case 'goto':
      return goto(step, run);
    case 'end':
      return end(step, run);
  }
}
