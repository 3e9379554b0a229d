import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { loadContent } from '../src/app.ts';
import { advance, newSession, resume } from '../src/engine/engine.ts';
import { createRenderer } from '../src/i18n/render.ts';
import type { Input, Lang, Session, Vars } from '../src/engine/types.ts';

interface Step {
  send: Input;
  replies?: string[];
  actions?: string[];
  results?: Vars[];
  at?: string;
  session?: Partial<Session>;
}
interface Case {
  name: string;
  session?: Partial<Session>;
  steps: Step[];
}

const { flows, catalog } = loadContent();
const renderer = createRenderer(catalog, flows.areas);
const cases = parse(readFileSync(new URL('./fixtures/engine-cases.yaml', import.meta.url), 'utf8')) as Case[];
const NOW = '2026-11-27T10:00:00.000Z';

describe('flow engine (table of cases with the real flows)', () => {
  for (const c of cases) {
    test(c.name, () => {
      let session: Session = { ...newSession(), ...c.session };
      c.steps.forEach((step, i) => {
        const env = { id: `in-${i}`, now: NOW, input: step.send };
        let outcome = advance(flows, session, env);
        const replies = [...outcome.replies];
        const actions: string[] = [];
        while (outcome.action) {
          actions.push(outcome.action.name);
          outcome = resume(flows, outcome.session, step.results?.[actions.length - 1] ?? {}, env);
          replies.push(...outcome.replies);
        }
        session = outcome.session;
        const where = `step ${i + 1} (${JSON.stringify(step.send)})`;
        if (step.replies) assert.deepEqual(replies.map((r) => r.key), step.replies, `replies of ${where}`);
        assert.deepEqual(actions, step.actions ?? [], `actions of ${where}`);
        if (step.at) assert.equal(session.flow ? `${session.flow}/${session.step}` : 'idle', step.at, `position after ${where}`);
        for (const [field, value] of Object.entries(step.session ?? {})) {
          if (field === 'vars') {
            for (const [name, expected] of Object.entries(value as Vars)) assert.deepEqual(session.vars[name], expected, `var ${name} after ${where}`);
            if (Object.keys(value as Vars).length === 0) assert.deepEqual(session.vars, {}, `vars cleared after ${where}`);
          } else {
            assert.deepEqual(session[field as keyof Session], value, `session.${field} after ${where}`);
          }
        }
      });
    });
  }
});

test('every reply carries the language it was made in, and choices where the question has them', () => {
  const outcome = advance(flows, { ...newSession(), lang: 'sd', flow: 'menu', step: 'choose' }, { id: 'a', now: NOW, input: { kind: 'choice', id: 'report' } });
  const [reply] = outcome.replies;
  assert.equal(reply?.lang, 'sd');
  assert.equal(reply?.choices?.length, 10);
  assert.deepEqual(reply?.choices?.[0], { id: 'mobile-snatching', label: { key: 'category-mobile-snatching' } });
  assert.equal(outcome.waiting, true);
  assert.equal(outcome.session.waitToken, 'a');
});

test('the engine does not change the session it was given', () => {
  const before: Session = { ...newSession(), lang: 'en', flow: 'menu', step: 'choose' };
  const copy = structuredClone(before);
  advance(flows, before, { id: 'a', now: NOW, input: { kind: 'choice', id: 'report' } });
  assert.deepEqual(before, copy);
});

test('every list a resident is shown has at most 10 rows (WhatsApp lists allow no more)', () => {
  const at = (session: Partial<Session>, input: Input) => advance(flows, { ...newSession(), lang: 'en', ...session }, { id: 'a', now: NOW, input }).replies;
  const lists = [
    ...[...flows.flows.values()].flatMap((flow) =>
      flow.steps.filter((step) => step.kind === 'ask').map((step) => at({ flow: flow.id, step: step.id }, { kind: 'text', text: 'help' })),
    ),
    at({ flow: 'report', step: 'area', area: 'korangi' }, { kind: 'text', text: 'help' }),
    ...flows.areas
      .filter((a) => a.kind === 'district')
      .map((district) => at({ flow: 'report', step: 'area' }, { kind: 'choice', id: district.id })),
  ].map((replies) => replies.at(-1)?.choices ?? []);
  assert.ok(lists.length > 20);
  for (const choices of lists) assert.ok(choices.length <= 10, JSON.stringify(choices));
});

test('a district is shown with three of its best-known areas, and its own row last', () => {
  const start = advance(flows, { ...newSession(), lang: 'ur', flow: 'report', step: 'category' }, { id: 'a', now: NOW, input: { kind: 'choice', id: 'mugging' } });
  const south = renderer.render(start.replies)?.choices?.find((c) => c.id === 'south');
  assert.equal(south?.label, 'ضلع جنوبی (صدر، کلفٹن، لیاری)');
  const towns = advance(flows, start.session, { id: 'b', now: NOW, input: { kind: 'choice', id: 'south' } });
  const last = renderer.render(towns.replies)?.choices?.at(-1);
  assert.deepEqual(last, { id: 'south', label: catalog.format('ur', 'area-other-in-district') });
});

test('counts read "1 report" and "3 reports", in Latin digits in every language', () => {
  const trend = (lang: Lang, count: number) =>
    renderer.render([{ key: 'tips-area-trend', lang, args: { area: { area: 'lyari' }, top_category: { choice: 'mugging', label: 'category-mugging' }, top_count: count } }])?.text ?? '';
  assert.match(trend('en', 1), /\(1 report\)\.$/);
  assert.match(trend('en', 3), /\(3 reports\)\.$/);
  assert.match(trend('ur', 1), /\(1 رپورٹ\)/);
  assert.match(trend('ur', 1234), /\(1,234 رپورٹیں\)/);
  assert.match(trend('sd', 3), /\(3 رپورٽون\)/);
});

test('an area answer longer than a report place takes is asked again as too long, before its words are matched', () => {
  const at = { ...newSession(), lang: 'en' as const, flow: 'report', step: 'area' };
  const long = advance(flows, at, { id: 'a', now: NOW, input: { kind: 'text', text: 'Gulshan block 7 near the bakery '.repeat(10) } });
  assert.deepEqual(long.replies.map((r) => r.key), ['hint-too-long', 'report-area']);
  const short = advance(flows, at, { id: 'b', now: NOW, input: { kind: 'text', text: 'Gulshan block 7 near the bakery' } });
  assert.deepEqual(short.session.vars.area, { area: 'gulshan-e-iqbal' });
});
