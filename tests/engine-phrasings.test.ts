import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { loadContent } from '../src/app.ts';
import { advance, newSession } from '../src/engine/engine.ts';
import type { Outcome, Session } from '../src/engine/types.ts';

interface Phrasings {
  areas: { say: string; area?: string | null; asks?: string[]; district?: string }[];
  yesno: { say: string; answer: 'yes' | 'no' | null }[];
  skip: { at: 'photo' | 'place'; say: string; skips: boolean }[];
  emergency: { say: string; emergency: boolean }[];
  categories: { say: string; category: string | null }[];
}

const { flows } = loadContent();
const phrasings = parse(readFileSync(new URL('./fixtures/phrasings.yaml', import.meta.url), 'utf8')) as Phrasings;
const DRAFT = { category: { choice: 'mugging', label: 'category-mugging' }, area: { area: 'saddar' } };

/** The resident types `text` at `step` of a report in progress. */
function sayAt(step: string, text: string): Outcome {
  const session: Session = { ...newSession(), lang: 'ur', flow: 'report', step, vars: { ...DRAFT } };
  return advance(flows, session, { id: 'in', now: '2026-11-27T10:00:00.000Z', input: { kind: 'text', text } });
}

describe('areas as residents write them', () => {
  for (const c of phrasings.areas) {
    const expected = c.asks ? `asks ${c.asks.join(', ')}` : c.district ? `opens ${c.district}` : (c.area ?? 'nothing');
    test(`"${c.say}" → ${expected}`, () => {
      const { session, replies } = sayAt('area', c.say);
      const area = session.step === 'area' ? undefined : session.vars.area;
      const stage = { stage: session.ask?.stage, options: session.ask?.options };
      if (c.asks) assert.deepEqual(stage, { stage: 'confirm', options: c.asks });
      else if (c.district) assert.deepEqual(stage, { stage: 'district', options: [c.district] });
      else if (c.area) assert.deepEqual(area, { area: c.area });
      else {
        assert.equal(area, undefined);
        assert.equal(replies[0]?.key, 'hint-area');
      }
    });
  }
});

describe('yes and no as residents write them', () => {
  for (const c of phrasings.yesno) {
    test(`"${c.say}" → ${c.answer ?? 'not understood'}`, () => {
      const { session, replies } = sayAt('anonymous', c.say);
      if (c.answer) assert.equal(session.vars.anonymous, c.answer === 'yes');
      else assert.deepEqual([session.step, replies[0]?.key], ['anonymous', 'hint-yesno']);
    });
  }
});

describe('"no" and "don\'t know" skip an optional question, but not inside an answer', () => {
  for (const c of phrasings.skip) {
    test(`at ${c.at}: "${c.say}" → ${c.skips ? 'skipped' : 'not skipped'}`, () => {
      const { session } = sayAt(c.at, c.say);
      if (c.skips) assert.equal(session.vars[c.at], null);
      else if (c.at === 'place') assert.equal(session.vars.place, c.say);
      else assert.deepEqual([session.step, session.vars.photo], ['photo', undefined]);
    });
  }
});

describe('what happened, as residents tell it, picks the category', () => {
  for (const c of phrasings.categories) {
    test(`"${c.say}" → ${c.category ?? 'asked again'}`, () => {
      const { session, replies } = sayAt('category', c.say);
      if (c.category) assert.deepEqual(session.vars.category, { choice: c.category, label: `category-${c.category}` });
      else assert.deepEqual([session.step, replies[0]?.key], ['category', 'hint-choice']);
    });
  }
});

describe('emergency words, and descriptions that are not emergencies', () => {
  for (const c of phrasings.emergency) {
    test(`"${c.say}" → ${c.emergency ? 'emergency numbers first' : 'no emergency numbers'}`, () => {
      const keys = sayAt('description', c.say).replies.map((r) => r.key);
      assert.equal(keys.includes('emergency'), c.emergency, keys.join(', '));
      if (c.emergency) assert.equal(keys[0], 'emergency');
    });
  }
});

test('the table covers at least 60 phrasings that resolve, and the ones that must not', () => {
  const resolving = [
    ...phrasings.areas.filter((c) => c.area || c.asks || c.district),
    ...phrasings.yesno.filter((c) => c.answer),
    ...phrasings.skip.filter((c) => c.skips),
    ...phrasings.emergency.filter((c) => c.emergency),
  ];
  const not = [
    ...phrasings.areas.filter((c) => c.area === null),
    ...phrasings.yesno.filter((c) => c.answer === null),
    ...phrasings.skip.filter((c) => !c.skips),
    ...phrasings.emergency.filter((c) => !c.emergency),
  ];
  assert.ok(resolving.length >= 60, `${resolving.length} resolving phrasings`);
  assert.ok(not.length >= 20, `${not.length} phrasings that must not resolve`);
});
