import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { isOpen, nextOpening, parseOfficeHours } from '../src/officers/office-hours.ts';

const hours = parseOfficeHours('mon-sat 09:00-17:00');

test('office hours are read in Karachi time, and say when the office opens next', () => {
  assert.ok(hours);
  // Rows: the moment (UTC), whether it is open, when it opens next (UTC). Karachi is UTC+5.
  const cases: [string, boolean, string][] = [
    ['2026-11-30T04:00:00.000Z', true, '2026-11-30T04:00:00.000Z'], // Monday 09:00 in Karachi
    ['2026-11-30T03:59:00.000Z', false, '2026-11-30T04:00:00.000Z'], // Monday 08:59
    ['2026-11-30T12:00:00.000Z', false, '2026-12-01T04:00:00.000Z'], // Monday 17:00: closed until Tuesday
    ['2026-12-05T13:00:00.000Z', false, '2026-12-07T04:00:00.000Z'], // Saturday 18:00: closed until Monday
    ['2026-12-05T20:00:00.000Z', false, '2026-12-07T04:00:00.000Z'], // Sunday 01:00
  ];
  for (const [at, open, next] of cases) {
    assert.equal(isOpen(hours, new Date(at)), open, `open at ${at}`);
    assert.equal(nextOpening(hours, new Date(at)).toISOString(), next, `next opening after ${at}`);
  }
  const always = parseOfficeHours('always');
  assert.ok(always && isOpen(always, new Date('2026-12-06T22:00:00Z')));
  assert.ok(parseOfficeHours('fri-sun 20:00-24:00'));
  for (const bad of ['9 to 5', 'mon-sat 17:00-09:00', 'monday 09:00-17:00', '']) assert.equal(parseOfficeHours(bad), null, bad);
  assert.throws(() => loadConfig({ OFFICE_HOURS: '9 to 5' }, '/nonexistent'), /OFFICE_HOURS="9 to 5" must be days and hours/);
});
