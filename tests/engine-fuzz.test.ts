import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadContent } from '../src/app.ts';
import { advance, newSession, resume } from '../src/engine/engine.ts';
import { COMMANDS, type Input, LANGUAGES, type Lang, type Reply, type Session, type Value, type Vars } from '../src/engine/types.ts';
import { createRenderer } from '../src/i18n/render.ts';
import { fuzzOptions, hugeText, residentText, storable } from './helpers/fuzz.ts';

/**
 * Property tests of the pure engine with the shipped flows: whatever a resident sends, at whatever step, the
 * engine never throws, always answers (or passes the message on to an officer), and leaves a session the program can store and continue from.
 */

const { flows, catalog } = loadContent();
const renderer = createRenderer(catalog, flows.areas);
const NOW = '2026-11-27T10:00:00.000Z';

/** What each action gives back in the program, so the flows after it run as they do for real. */
const ACTION_RESULTS: Record<string, Vars> = {
  create_report: { reference: 'KHI-4F7K-Q9PX', pin: '123456' },
  lookup_report: { lookup: 'not-found' },
  area_trends: { top_category: null },
  alert_settings: {},
  area_figures: { enough: true, received: 6, acted: 2, closed: 1, has_median: true, hours: 5 },
  answer_alert: { area: { area: 'korangi' }, after_hours: false, opens: null },
};

const flowSteps = [...flows.flows.values()].flatMap((flow) => flow.steps.map((step) => ({ flow: flow.id, step: step.id, kind: step.kind })));
const districts = flows.areas.filter((a) => a.kind === 'district');
const askSteps = flowSteps.filter((s) => s.kind === 'ask');
const areaSteps = askSteps.filter((s) => {
  const def = flows.flows.get(s.flow)?.steps.find((d) => d.id === s.step);
  return def?.kind === 'ask' && def.ask.type === 'area';
});

/** Every place a conversation can stand: idle, each step of each flow, each stage of area questions, each "leave this?" question. */
const positions: Partial<Session>[] = [
  {},
  ...flowSteps.map(({ flow, step }) => ({ flow, step, waitToken: 'w', waitSince: NOW })),
  ...areaSteps.flatMap(({ flow, step }) => [
    { flow, step, ask: { stage: 'district', options: [districts[0]?.id ?? ''] } },
    { flow, step, ask: { stage: 'confirm', options: flows.areas.slice(0, 3).map((a) => a.id), text: 'korangy block 7' } },
  ]),
  ...[...flows.flows.values()]
    .filter((flow) => flow.confirm)
    .flatMap((flow) =>
      COMMANDS.filter((c) => flow.confirm?.[c]).map((confirming) => ({ flow: flow.id, step: askSteps.find((s) => s.flow === flow.id)?.step ?? null, confirming, vars: { started: true } })),
    ),
  // Soon after a police alert: idle, and at the menu.
  { alert: { id: 7, until: '2026-11-28T10:00:00.000Z' } },
  { flow: 'menu', step: 'choose', alert: { id: 7, until: '2026-11-28T10:00:00.000Z' } },
];

const choiceIds = [
  ...new Set([
    ...[...flows.flows.values()].flatMap((flow) => flow.steps.flatMap((step) => (step.kind === 'ask' ? (step.ask.choices ?? []).map((c) => c.id) : []))),
    ...flows.areas.map((a) => a.id),
    'yes',
    'no',
    'skip',
    'none',
  ]),
];

/** Answers as long as a question takes, give or take a character, with an emoji where a cut would fall. */
const atLimits = fc
  .tuple(fc.constantFrom(300, 500, 2000), fc.integer({ min: -2, max: 1 }), fc.constantFrom('😀', '👨‍👩‍👧'))
  .map(([max, shift, emoji]) => `${'x'.repeat(max + shift)}${emoji} near the market`);

const input: fc.Arbitrary<Input> = fc.oneof(
  { weight: 8, arbitrary: residentText.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: atLimits.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 3, arbitrary: fc.oneof(fc.constantFrom(...choiceIds), fc.string({ maxLength: 70 })).map((id) => ({ kind: 'choice' as const, id })) },
  {
    weight: 1,
    arbitrary: fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) }).map((p) => ({ kind: 'location' as const, ...p })),
  },
  { weight: 1, arbitrary: fc.uuid().map((media) => ({ kind: 'photo' as const, media })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(undefined, 'edited', 'too-large', 'not-an-image', 'media-failed', 'too-long').map((reason) => ({ kind: 'unsupported' as const, ...(reason ? { reason } : {}) })),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constantFrom('', 'area-korangi', 'lang-sd', 'area-nowhere', 'lang-xx', 'area-', '-'), fc.string({ maxLength: 64 })).map((payload) => ({ kind: 'start' as const, payload })),
  },
);

const language = fc.constantFrom<Lang | null>(null, ...LANGUAGES);

/** Every string inside a value, to check it can be stored. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

function isValue(value: Value): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return typeof value !== 'number' || Number.isFinite(value);
  return typeof value === 'object' && ['choice', 'area', 'lat', 'media', 'key', 'date'].some((k) => k in value);
}

/** What is wrong with a session the program would store after a turn; empty when nothing. */
function problemsOf(session: Session, cleanInput: boolean): string[] {
  const problems: string[] = [];
  if (session.lang !== null && !LANGUAGES.includes(session.lang)) problems.push(`unknown language ${session.lang}`);
  if ((session.flow === null) !== (session.step === null)) problems.push('flow and step must be set together');
  if (session.flow !== null) {
    const step = flows.flows.get(session.flow)?.steps.find((s) => s.id === session.step);
    if (step?.kind !== 'ask') problems.push(`waits at ${session.flow}/${session.step}, which is no question`);
    if (!session.waitToken || !session.waitSince) problems.push('waits without a wait token and time');
  } else if (session.ask || session.confirming || session.retries !== 0) problems.push('an idle session keeps question state');
  if (session.confirming !== null && !COMMANDS.includes(session.confirming)) problems.push(`confirms unknown command ${session.confirming}`);
  if (!Number.isInteger(session.retries) || session.retries < 0) problems.push(`retries ${session.retries}`);
  if (session.area !== null && !flows.areas.some((a) => a.id === session.area)) problems.push(`unknown area ${session.area}`);
  if (session.next && !flows.flows.has(session.next.flow)) problems.push(`unknown next flow ${session.next.flow}`);
  for (const [name, value] of Object.entries(session.vars)) if (!isValue(value)) problems.push(`var ${name} holds ${JSON.stringify(value)}`);
  try {
    assert.deepEqual(JSON.parse(JSON.stringify(session)), session);
  } catch {
    problems.push('does not survive a JSON round trip');
  }
  if (cleanInput && !strings(session).every(storable)) problems.push('holds a text PostgreSQL cannot store, made from a clean input');
  return problems;
}

/** One turn as the program runs it: the engine, then each action it asks for, resumed with the action's result. */
function turn(session: Session, sent: Input, id: string): { session: Session; replies: Reply[]; actions: string[] } {
  const env = { id, now: NOW, input: sent };
  let outcome = advance(flows, session, env);
  const replies = [...outcome.replies];
  const actions: string[] = [];
  while (outcome.action) {
    actions.push(outcome.action.name);
    outcome = resume(flows, outcome.session, ACTION_RESULTS[outcome.action.name] ?? {}, env);
    replies.push(...outcome.replies);
  }
  return { session: outcome.session, replies, actions };
}

const clean = (sent: Input) => strings(sent).every(storable);

/**
 * One turn, checked: an answer of known texts and, from a valid session, a session the program can store and
 * continue from (storable given clean inputs so far: channels remove what cannot be stored before the engine).
 * A session resting at a step that is no question is never stored; from there only the answer is checked.
 */
function check(session: Session, sent: Input, id: string, cleanSoFar: boolean): { session: Session; replies: Reply[] } {
  const where = `at ${session.flow ?? 'idle'}/${session.step ?? ''} with ${JSON.stringify(sent).slice(0, 300)}`;
  const valid = problemsOf(session, false).length === 0;
  const after = turn(session, sent, id);
  // The one silence: a further message in a talk with an officer, passed on to the officer (who answers it).
  const passedOn = after.actions.includes('message_officer') && session.flow === 'officer';
  assert.ok(after.replies.length > 0 || passedOn, `no reply ${where}`);
  for (const reply of after.replies) assert.ok(catalog.has(reply.lang ?? 'ur', reply.key), `reply ${reply.key} is no locale key ${where}`);
  if (valid) assert.deepEqual(problemsOf(after.session, cleanSoFar), [], `session ${where}`);
  return after;
}

test('at every step of every flow, any input gets an answer and leaves a valid session', () => {
  assert.ok(positions.length > flowSteps.length, `${positions.length} positions`);
  for (const position of positions) {
    fc.assert(
      fc.property(language, fc.array(input, { minLength: 1, maxLength: 4 }), (lang, inputs) => {
        let session: Session = { ...newSession(), lang, ...position };
        inputs.forEach((sent, i) => {
          session = check(session, sent, `in-${i}`, inputs.slice(0, i + 1).every(clean)).session;
        });
      }),
      fuzzOptions(25),
    );
  }
});

test('a 100 KB text at any step is answered like any other', () => {
  for (const position of positions) {
    fc.assert(
      fc.property(language, hugeText(100_000), (lang, text) => {
        const sent: Input = { kind: 'text', text };
        check({ ...newSession(), lang, ...position }, sent, 'huge', clean(sent));
      }),
      fuzzOptions(1),
    );
  }
});

test('conversations from first contact, mostly following the choices offered, always render and stay valid', () => {
  const reached = new Set<string>();
  // A step: pick an offered choice (by button, number or label), answer as a resident would, or send anything at all.
  const plausible = fc.constantFrom('Two men on a motorbike took my phone near the market', 'korangi', 'Gulshan block 7', 'KHI-4F7K-Q9PX', '123456', 'menu');
  const move = fc.record({ pick: fc.nat(), how: fc.constantFrom('button', 'number', 'label', 'plausible', 'anything'), plausible, anything: input });
  fc.assert(
    fc.property(fc.array(move, { minLength: 15, maxLength: 40 }), (moves) => {
      let session = newSession();
      let choices: { id: string; label: string }[] = [];
      let cleanSoFar = true;
      moves.forEach((m, i) => {
        const offered = choices[m.pick % Math.max(choices.length, 1)];
        const index = choices.indexOf(offered as never) + 1;
        const sent: Input =
          m.how === 'anything'
            ? m.anything
            : !offered || m.how === 'plausible'
              ? { kind: 'text', text: m.plausible }
              : m.how === 'button'
                ? { kind: 'choice', id: offered.id }
                : { kind: 'text', text: m.how === 'number' ? String(index) : (offered.label.split(' / ')[0] ?? '') };
        cleanSoFar &&= clean(sent);
        const after = check(session, sent, `in-${i}`, cleanSoFar);
        session = after.session;
        if (after.replies.length === 0) return; // passed on to an officer, as check() allows
        const message = renderer.render(after.replies);
        assert.ok(message && message.text.trim() !== '', `an empty message after ${JSON.stringify(sent)}`);
        choices = message.choices ?? [];
        reached.add(`${session.flow}/${session.step}`);
      });
    }),
    fuzzOptions(150),
  );
  // The walks went deep: into a report's last question, and to a status check's PIN.
  for (const position of ['report/confirm', 'status/reference']) assert.ok(reached.has(position), `no walk reached ${position}: ${[...reached].join(', ')}`);
});
