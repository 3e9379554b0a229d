import type { ActionCall, Choice, FlowSet, InputEnvelope, Reply, Session, Vars } from './types.ts';

/** The mutable state of one engine call: the session being changed and what the call has produced so far. */
export interface Run {
  readonly set: FlowSet;
  readonly env: InputEnvelope;
  session: Session;
  replies: Reply[];
  action: ActionCall | null;
  waiting: boolean;
  /** Set by a quiet goto: the question reached next waits without being asked again. */
  quiet: boolean;
}

export function say(run: Run, key: string, choices?: Choice[]): void {
  const args: Vars = { ...run.set.constants, ...run.session.vars };
  run.replies.push({ key, lang: run.session.lang, args, ...(choices ? { choices } : {}) });
}

export function goIdle(run: Run): void {
  run.session = { ...run.session, flow: null, step: null, vars: {}, ask: null, retries: 0, confirming: null, waitToken: null, waitSince: null };
}

/** The conversation now waits for an answer; time-outs are matched against this input's id. */
export function startWait(run: Run): void {
  run.session.waitToken = run.env.id;
  run.session.waitSince = run.env.now;
  run.waiting = true;
}
