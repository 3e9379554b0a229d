import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
const en = (key: string) => catalog.format('en', key, {});
const REFERENCE = /KHI-[0-9A-Z]{4}-[0-9A-Z]{4}/;

async function anonymousReport(chat: ChatClient): Promise<{ reference: string; pin: string }> {
  for (const answer of [{ start: '' }, { choice: 'en' }, { choice: 'report' }, { text: '1' }, { text: 'Korangi' }, { choice: 'skip' }, { choice: 'today' }]) {
    await chat.say(answer);
  }
  await chat.say({ text: 'a man on a bike took my phone' });
  await chat.say({ choice: 'skip' });
  await chat.say({ text: 'yes' });
  const receipt = await chat.say({ choice: 'submit' });
  const reference = REFERENCE.exec(receipt.text)?.[0];
  const pin = /^(\d{6})$/m.exec(receipt.text)?.[1];
  assert.ok(reference && pin, receipt.text);
  return { reference, pin };
}

/** A resident at the status check: types the reference, then a PIN; returns the answer to the PIN. */
async function check(chat: ChatClient, reference: string, pin: string, started = false): Promise<string> {
  if (started) await chat.say({ text: 'menu' });
  else {
    await chat.say({ start: '' });
    await chat.say({ choice: 'en' });
  }
  await chat.say({ choice: 'status' });
  assert.match((await chat.say({ text: reference })).text, new RegExp(en('status-pin').slice(0, 30).replace(/[()]/g, '.')));
  return (await chat.say({ text: pin })).text;
}

const wrongOf = (pin: string) => (pin === '000000' ? '111111' : '000000');

test('wrong PINs slow down who types them, never tell whether a report exists, and do not keep its owner out', async (t) => {
  const { url, app } = await startTestApp(t);
  const owner = new ChatClient(url, 'pin-owner-1');
  const { reference, pin } = await anonymousReport(owner);

  // A stranger who knows the reference: a wrong PIN and a reference that does not exist get the same answer.
  const stranger = new ChatClient(url, 'pin-stranger-1');
  const wrong = await check(stranger, reference, wrongOf(pin));
  const unknown = await check(stranger, 'KHI-ZZZZ-ZZZZ', wrongOf(pin), true);
  assert.equal(unknown, wrong);
  assert.ok(wrong.includes(en('status-no-match').slice(0, 40)), wrong);
  // Two more wrong ones, the third and fourth: from the fourth on, the stranger waits, even with the right PIN.
  await check(stranger, reference, wrongOf(pin), true);
  await check(stranger, reference, wrongOf(pin), true);
  const paused = await check(stranger, reference, pin, true);
  assert.match(paused, /Too many wrong PINs were typed from this chat\. For everyone's safety, please wait a minute before you try again\./);

  // The owner is not kept out.
  const shown = await check(owner, reference, pin, true);
  assert.ok(shown.includes(reference), shown);

  // Nothing of the report keeps a time finer than the hour; its pause ends on a whole minute.
  const events = await app.db.query<{ at: Date }>(
    'select e.created_at as at from report_events e join reports r on r.id = e.report_id where r.reference = $1',
    [reference],
  );
  assert.ok(events.length > 0 && events.every((e) => e.at.getTime() % 3_600_000 === 0), 'event times are whole hours');
});

test('a report guessed at from many chats pauses for a while, then opens to its owner again', async (t) => {
  const { url, app } = await startTestApp(t);
  const owner = new ChatClient(url, 'pin-owner-2');
  const { reference, pin } = await anonymousReport(owner);
  // Eleven strangers, one wrong PIN each: past ten, the report pauses.
  await Promise.all(Array.from({ length: 11 }, (_, i) => check(new ChatClient(url, `pin-guesser-${i}`), reference, wrongOf(pin))));
  const [row] = await app.db.query<{ failures: number; until: Date }>('select pin_failures as failures, pin_retry_after as until from reports where reference = $1', [
    reference,
  ]);
  assert.equal(row?.failures, 11);
  assert.ok(row?.until && row.until.getTime() % 60_000 === 0, 'the pause ends on a whole minute');
  assert.ok(row.until.getTime() - Date.now() <= 2 * 60_000, 'the first pause is short');
  // During the pause even the right PIN gets the same answer as a wrong one.
  assert.ok((await check(owner, reference, pin, true)).includes(en('status-no-match').slice(0, 40)));
  // Once it is over, the owner's PIN opens the report, and the count starts again.
  await app.db.query("update reports set pin_retry_after = now() - interval '1 second' where reference = $1", [reference]);
  assert.ok((await check(owner, reference, pin, true)).includes(reference));
  const [after] = await app.db.query<{ failures: number }>('select pin_failures as failures from reports where reference = $1', [reference]);
  assert.equal(after?.failures, 0);
});
