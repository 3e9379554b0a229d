import type { Run } from '../run.ts';
import type { AskDef, AskState, Input, Value } from '../types.ts';

export type AskResult =
  /** `detail`: for the ask's `detail` variable, what the answer said beyond the value itself. */
  | { kind: 'value'; value: Value; detail?: string | null }
  /** Not an answer; `hint` is the locale key that explains what is expected. */
  | { kind: 'invalid'; hint: string }
  /** A partial answer that moves the question to another stage (e.g. from district to town). */
  | { kind: 'stage'; state: AskState };

/** One kind of question: how it is asked (in its current stage) and how an input answers it. */
export interface AskKind {
  prompt(def: AskDef, state: AskState | null, run: Run): void;
  answer(def: AskDef, input: Input, state: AskState | null, run: Run): AskResult;
}
