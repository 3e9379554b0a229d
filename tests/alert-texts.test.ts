import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContent } from '../src/app.ts';
import { karachiDay, quietMsLeft } from '../src/broadcasts/quiet-hours.ts';
import { AlertError, checkAlert, previewAlert } from '../src/broadcasts/service.ts';
import { answerArea, targetAreaIds } from '../src/broadcasts/target.ts';
import { missingLanguageWarnings, textLanguageFor } from '../src/broadcasts/texts.ts';

const { catalog, flows } = loadContent();
const HOUR = 3_600_000;
/** 2026-11-30 at the given hour in Karachi (UTC+5). */
const karachi = (hour: number, minute = 0) => Date.UTC(2026, 10, 30, hour - 5, minute);

test('a missing language falls back, Sindhi to Urdu then English, and the sender is told so', () => {
  assert.equal(textLanguageFor({ ur: 'x', en: 'y' }, 'sd'), 'ur');
  assert.equal(textLanguageFor({ en: 'y' }, 'sd'), 'en');
  assert.equal(textLanguageFor({ sd: 'z' }, 'ur'), 'sd');
  assert.equal(textLanguageFor({ ur: '  ', en: 'y' }, 'ur'), 'en');
  assert.deepEqual(missingLanguageWarnings({ en: 'y' }), ['no Urdu text: Urdu readers will get the English text', 'no Sindhi text: Sindhi readers will get the English text']);
  assert.deepEqual(missingLanguageWarnings({ ur: 'x', sd: 'z', en: 'y' }), []);
});

test('the preview shows each language as it will be sent; an alert without text, with an unknown area or topic, or in the past is refused', () => {
  const deps = { areas: flows.areas, catalog, constants: flows.constants };
  const { messages, warnings } = previewAlert(deps, { texts: { ur: 'سڑک بند', en: 'Road closed' }, target: { districts: [], areas: ['korangi'] }, createdBy: 't' });
  assert.equal(messages.sd, catalog.format('sd', 'alert-delivery', { text: 'سڑک بند', police: String(flows.constants.police) }));
  assert.equal(messages.en, catalog.format('en', 'alert-delivery', { text: 'Road closed', police: String(flows.constants.police) }));
  assert.deepEqual(warnings, ['no Sindhi text: Sindhi readers will get the Urdu text']);
  const refused = (request: Parameters<typeof checkAlert>[1], reason: RegExp) => assert.throws(() => checkAlert(deps, request), (e) => e instanceof AlertError && reason.test(e.message));
  const target = { districts: [], areas: ['korangi'] };
  refused({ texts: { ur: ' ' }, target, createdBy: 't' }, /at least one/);
  refused({ texts: { ur: 'x' }, target: { districts: ['nowhere'], areas: [] }, createdBy: 't' }, /unknown area or district: nowhere/);
  refused({ texts: { ur: 'x' }, target: { districts: [], areas: [] }, createdBy: 't' }, /choose districts, areas or the whole city/);
  refused({ texts: { ur: 'x' }, target, topic: 'weather', createdBy: 't' }, /unknown topic/);
  refused({ texts: { ur: 'x' }, target, sendAt: new Date(Date.now() - 3 * HOUR), createdBy: 't' }, /in the past/);
  refused({ texts: { ur: 'x'.repeat(5000) }, target, createdBy: 't' }, /longer than/);
});

test('a district reaches its areas, an area its district, the city everyone', () => {
  const ids = targetAreaIds({ districts: ['malir-district'], areas: ['korangi'] }, flows.areas) ?? [];
  assert.ok(ids.includes('malir') && ids.includes('malir-cantt') && ids.includes('korangi') && ids.includes('korangi-district'));
  assert.ok(!ids.includes('landhi'), 'an area does not reach the other areas of its district');
  assert.equal(targetAreaIds({ city: true }, flows.areas), null);
});

test("an answer to an alert goes to the officers of the place it is about: the resident's area the alert names, or the alert's own", () => {
  const at = (target: Parameters<typeof answerArea>[0], resident: string[]) => answerArea(target, resident, flows.areas);
  assert.equal(at({ districts: ['korangi-district'], areas: [] }, ['landhi']), 'landhi');
  assert.equal(at({ districts: [], areas: ['landhi'] }, ['korangi-district']), 'landhi');
  assert.equal(at({ districts: [], areas: ['landhi', 'malir'] }, ['saddar', 'malir']), 'malir');
  assert.equal(at({ districts: [], areas: ['landhi'] }, ['saddar']), 'landhi');
  assert.equal(at({ city: true }, ['saddar', 'malir']), 'saddar');
  assert.equal(at({ city: true }, []), 'unknown');
});

test('quiet hours, across midnight or not, hold an alert until they end, in Karachi time', () => {
  const night = { from: 22, until: 7 };
  assert.equal(quietMsLeft(night, karachi(23)), 8 * HOUR);
  assert.equal(quietMsLeft(night, karachi(6, 30)), HOUR / 2);
  assert.equal(quietMsLeft(night, karachi(7)), 0);
  assert.equal(quietMsLeft(night, karachi(21, 59)), 0);
  assert.equal(quietMsLeft({ from: 13, until: 15 }, karachi(14)), HOUR);
  assert.equal(quietMsLeft(null, karachi(23)), 0);
  assert.equal(karachiDay(Date.UTC(2026, 10, 30, 19, 30)), '2026-12-01');
});
