import { ASKS } from './asks/index.ts';
import { NO, pickChoice, YES } from './choices.ts';
import { detectIntents, isCourtesy } from './intents.ts';
import { goIdle, type Run, say, startWait } from './run.ts';
import { runStep } from './steps/index.ts';
import {
  type AskDef,
  type Command,
  type FlowDef,
  type FlowSet,
  type GotoTarget,
  type Input,
  type InputEnvelope,
  LANGUAGES,
  type Outcome,
  type Session,
  type Value,
  type Vars,
} from './types.ts';

/** Flows started by name, by the engine (commands) or the host (events); the flow loader checks they exist. */
export const SYSTEM_FLOWS = [
  'language',
  'menu',
  'officer',
  'stop',
  'start',
  'feedback',
  'report-update',
  'report-question',
  'officer-reply',
  'officer-closed',
  'figures',
  'alert-answer',
] as const;
const HOME = 'menu';
const LANGUAGE = 'language';
const ALERT_ANSWER = 'alert-answer';

/**
 * From this many answers in a row that are not understood, the hint also says that nothing is lost and how to
 * get out. The question is asked again however often it takes: a report in progress is never thrown away.
 */
const REASSURE_AFTER = 2;
/** Protects against flows that jump in a circle without asking anything. */
const MAX_STEPS_PER_TURN = 200;

export class EngineError extends Error {
  constructor(
    readonly code: 'unknown-flow' | 'unknown-step' | 'loop' | 'not-paused',
    message: string,
  ) {
    super(message);
  }
}

export function newSession(): Session {
  return {
    lang: null,
    flow: null,
    step: null,
    vars: {},
    ask: null,
    retries: 0,
    confirming: null,
    waitToken: null,
    waitSince: null,
    area: null,
    next: null,
    alert: null,
  };
}

function flowOf(run: Run, id: string): FlowDef {
  const flow = run.set.flows.get(id);
  if (!flow) throw new EngineError('unknown-flow', `flow "${id}" does not exist`);
  return flow;
}

function indexOf(flow: FlowDef, stepId: string): number {
  const index = flow.steps.findIndex((s) => s.id === stepId);
  if (index < 0) throw new EngineError('unknown-step', `flow "${flow.id}" has no step "${stepId}"`);
  return index;
}

function endFlow(run: Run): void {
  const queued = run.session.next;
  goIdle(run);
  run.session.next = null;
  if (queued) startFlow(run, queued.flow, queued.vars);
}

/** Runs steps from `index` of `flowId` until one waits for the resident, hands an action to the host, or the flow ends. */
function execute(run: Run, flowId: string, index: number): void {
  let flow = flowOf(run, flowId);
  let at = index;
  for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
    const step = flow.steps[at];
    if (!step) {
      endFlow(run);
      return;
    }
    run.session.flow = flow.id;
    run.session.step = step.id;
    const next = runStep(step, run);
    switch (next.kind) {
      case 'pause':
        return;
      case 'end':
        endFlow(run);
        return;
      case 'next':
        at++;
        break;
      case 'jump': {
        const target = resolve(run, flow, next.target);
        flow = target.flow;
        at = target.index;
        run.quiet = next.quiet === true;
      }
    }
  }
  throw new EngineError('loop', `flow "${flow.id}" ran ${MAX_STEPS_PER_TURN} steps without waiting`);
}

function resolve(run: Run, from: FlowDef, target: GotoTarget): { flow: FlowDef; index: number } {
  if (typeof target === 'string') return { flow: from, index: indexOf(from, target) };
  const flow = flowOf(run, target.flow);
  return { flow, index: target.step ? indexOf(flow, target.step) : 0 };
}

function startFlow(run: Run, flowId: string, vars: Vars = {}): void {
  goIdle(run);
  run.session.vars = { ...vars };
  execute(run, flowId, 0);
}

function currentAsk(run: Run): AskDef | null {
  const { flow, step } = run.session;
  if (!flow || !step) return null;
  const def = flowOf(run, flow).steps.find((s) => s.id === step);
  return def?.kind === 'ask' ? def.ask : null;
}

/** The question a command asks first when it would end a flow that holds answers, such as a report in progress. */
function confirmation(run: Run, name: Command): string | null {
  const { flow, vars } = run.session;
  if (!flow || Object.keys(vars).length === 0) return null;
  return flowOf(run, flow).confirm?.[name] ?? null;
}

/** Asks the current question again (after help, an emergency message or an answer not understood). */
function reprompt(run: Run): void {
  const { confirming } = run.session;
  const question = confirming && confirmation(run, confirming);
  if (question) {
    say(run, question, [YES, NO]);
    startWait(run);
    return;
  }
  const ask = currentAsk(run);
  if (!ask) return;
  ASKS[ask.type].prompt(ask, run.session.ask, run);
  startWait(run);
}

function save(run: Run, ask: AskDef, value: Value, detail: string | null): void {
  run.session.vars[ask.save] = value;
  if (ask.detail) run.session.vars[ask.detail] = detail;
  if (ask.save === 'lang' && value !== null && typeof value === 'object' && 'choice' in value) {
    const lang = LANGUAGES.find((l) => l === value.choice);
    if (lang) run.session.lang = lang;
  }
  if (ask.remember && value !== null && typeof value === 'object' && 'area' in value) run.session.area = value.area;
}

/**
 * What a resident writes in their own words soon after an alert, when it is no command and they are not in the
 * middle of something (idle, or at a first question they did not answer), is their answer to the alert. True
 * when it was taken as such: the alert-answer flow passes it to the liaison officers.
 */
function answeredAlert(run: Run, input: Input): boolean {
  const { alert, lang } = run.session;
  if (!alert) return false;
  if (Date.parse(run.env.now) >= Date.parse(alert.until)) {
    run.session.alert = null;
    return false;
  }
  if (input.kind !== 'text' || !lang || isCourtesy(input.text, run.set.keywords)) return false;
  const area = run.session.area;
  run.session.alert = null;
  // Passed on whole: what a platform delivers is already held to MAX_MESSAGE_CHARS.
  startFlow(run, ALERT_ANSWER, { alert: alert.id, message: input.text.trim(), area: area ? { area } : null });
  return true;
}

function answer(run: Run, ask: AskDef, input: Input): void {
  const result = ASKS[ask.type].answer(ask, input, run.session.ask, run);
  // A question that holds no answers yet (the menu, a first question) was only opened: words that do not
  // answer it may answer an alert instead.
  if (result.kind === 'invalid' && Object.keys(run.session.vars).length === 0 && answeredAlert(run, input)) return;
  if (result.kind === 'value') {
    save(run, ask, result.value, result.detail ?? null);
    const flow = flowOf(run, run.session.flow ?? '');
    run.session.ask = null;
    run.session.retries = 0;
    execute(run, flow.id, indexOf(flow, run.session.step ?? '') + 1);
    return;
  }
  if (result.kind === 'stage') {
    run.session.ask = result.state;
    reprompt(run);
    return;
  }
  run.session.retries++;
  say(run, result.hint);
  if (run.session.retries >= REASSURE_AFTER) say(run, 'not-understood-kept');
  reprompt(run);
}

/** A command; one that would end a flow holding answers asks first, and runs when the resident confirms. */
function command(run: Run, name: Command): void {
  if (run.session.confirming !== name && confirmation(run, name)) {
    run.session.confirming = name;
    reprompt(run);
    return;
  }
  run.session.confirming = null;
  perform(run, name);
}

/**
 * The answer to "leave this report?": yes runs the command, no asks the question the resident was on again.
 * Anything else is taken as an answer to that question, so the draft goes on. True when the input was used.
 */
function settleConfirmation(run: Run, name: Command, input: Input): boolean {
  run.session.confirming = null;
  const picked = pickChoice(run, [YES, NO], input);
  if (picked === YES) perform(run, name);
  else if (picked === NO) reprompt(run);
  return picked !== null;
}

function perform(run: Run, name: Command): void {
  if (name === 'stop') {
    startFlow(run, 'stop');
    return;
  }
  if (!run.session.lang || name === 'language') {
    startFlow(run, LANGUAGE);
    return;
  }
  if (name === 'help') {
    say(run, 'help');
    if (currentAsk(run)) reprompt(run);
    else startFlow(run, HOME);
    return;
  }
  startFlow(run, name === 'start' ? 'start' : name === 'menu' ? HOME : name);
}

/** Poster links carry `area-<id>` or `lang-<code>`: remembered so the first questions are already answered. */
function applyStartPayload(run: Run, payload: string | undefined): void {
  const [kind, ...rest] = (payload ?? '').split('-');
  const value = rest.join('-');
  if (kind === 'area' && run.set.areas.some((a) => a.id === value)) run.session.area = value;
  const lang = LANGUAGES.find((l) => l === value);
  if (kind === 'lang' && lang) run.session.lang = lang;
}

function handle(run: Run): void {
  const { input } = run.env;
  switch (input.kind) {
    case 'timeout':
      if (input.token === run.session.waitToken && run.session.flow) {
        say(run, flowOf(run, run.session.flow).timeout ?? 'timeout-reset');
        goIdle(run);
      }
      return;
    case 'event': {
      const busy = run.session.flow;
      if (busy && !flowOf(run, input.name).interrupts?.includes(busy)) run.session.next = { flow: input.name, vars: input.vars };
      else startFlow(run, input.name, input.vars);
      return;
    }
    case 'start':
      applyStartPayload(run, input.payload);
      // Telegram sends /start again when the bot's link is opened or the chat restarted: a draft is not
      // thrown away by it, the resident is asked first, as with "menu".
      if (confirmation(run, 'menu')) command(run, 'menu');
      else startFlow(run, run.session.lang ? HOME : LANGUAGE);
      return;
    case 'text': {
      const intents = detectIntents(input.text, run.set.keywords);
      if (intents.emergency) {
        say(run, 'emergency');
        if (intents.onlyEmergency) {
          reprompt(run);
          return;
        }
      }
      if (intents.command) {
        command(run, intents.command);
        return;
      }
    }
  }
  // What the bot cannot read is explained, whatever the resident was doing; the conversation goes on.
  if (input.kind === 'unsupported') say(run, input.reason ? `unsupported-${input.reason}` : 'unsupported-input');
  if (!run.session.lang && run.session.flow !== LANGUAGE) {
    startFlow(run, LANGUAGE);
    return;
  }
  const { confirming } = run.session;
  if (confirming && settleConfirmation(run, confirming, input)) return;
  const ask = currentAsk(run);
  if (!ask) {
    if (!answeredAlert(run, input)) startFlow(run, HOME);
    return;
  }
  if (input.kind === 'unsupported') {
    reprompt(run);
    return;
  }
  answer(run, ask, input);
}

function outcome(run: Run): Outcome {
  return { session: run.session, replies: run.replies, action: run.action, waiting: run.waiting };
}

function begin(set: FlowSet, session: Session, env: InputEnvelope): Run {
  return { set, env, session: structuredClone(session), replies: [], action: null, waiting: false, quiet: false };
}

/**
 * Feeds one input into a conversation. When the outcome carries an action, the host runs it and calls
 * `resume` with its result; replies of both calls are sent together.
 */
export function advance(set: FlowSet, session: Session, env: InputEnvelope): Outcome {
  const run = begin(set, session, env);
  handle(run);
  return outcome(run);
}

/** Continues after the action the previous outcome asked for, with the variables the action produced. */
export function resume(set: FlowSet, session: Session, result: Vars, env: InputEnvelope): Outcome {
  const run = begin(set, session, env);
  const { flow, step } = run.session;
  if (!flow || !step) throw new EngineError('not-paused', 'resume called on an idle session');
  const def = flowOf(run, flow);
  const index = indexOf(def, step);
  if (def.steps[index]?.kind !== 'action') throw new EngineError('not-paused', `step "${step}" is not an action`);
  Object.assign(run.session.vars, result);
  execute(run, flow, index + 1);
  return outcome(run);
}

