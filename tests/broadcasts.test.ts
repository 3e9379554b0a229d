import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fanOut } from '../src/broadcasts/fan-out.ts';
import { type AlertProgress, alertProgress, cancelAlert, sendAlert } from '../src/broadcasts/service.ts';
import type { Lang } from '../src/engine/types.ts';
import { queueSends } from '../src/pipeline/outbound.ts';
import { PRIORITY } from '../src/broadcasts/fan-out.ts';
import { feedPlatform } from '../src/broadcasts/feeder.ts';
import { handDeliveries, insertBroadcast, queueNextDeliveries, releaseStaleDeliveries, startSending } from '../src/store/broadcasts.ts';
import { fakeChannel, type ResidentSpec, seedResidents, startSender } from './helpers/alerts.ts';
import { startTestApp } from './helpers/app.ts';

const LANGS: (Lang | null)[] = ['ur', 'sd', 'en', null];
const HEADING: Record<Lang, string> = { ur: 'پولیس الرٹ', sd: 'پوليس الرٽ', en: 'Police alert' };
const TEXTS = { ur: 'UR-ALERT کورنگی میں سڑک بند ہے', en: 'EN-ALERT road closed in Korangi' };

/** A mix of residents: most subscribed to Korangi or Malir (some to both), some who must never get an alert. */
function population(n: number): ResidentSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    platform: i % 19 === 0 ? 'whatsapp' : 'telegram',
    language: LANGS[i % 4] ?? null,
    areas: i % 17 === 0 ? ['clifton'] : i % 29 === 0 ? ['korangi-district'] : i % 7 === 0 ? ['korangi', 'malir'] : [i % 2 ? 'korangi' : 'malir'],
    optedOut: i % 11 === 0,
    unreachable: i % 13 === 0,
    topics: i % 23 === 0 ? ['roads'] : null,
  }));
}

/** Who must get a non-urgent "crime" alert to Korangi and Malir: subscribed there (or to Korangi district), alerts on, reachable, interested. */
function expectedOf(specs: ResidentSpec[], tag = 'chat'): Map<string, ResidentSpec> {
  const expected = new Map<string, ResidentSpec>();
  specs.forEach((s, i) => {
    const inTarget = s.areas.some((a) => ['korangi', 'malir', 'korangi-district', 'malir-district'].includes(a));
    if (inTarget && s.platform !== 'web' && !s.optedOut && !s.unreachable && (s.topics ?? null) === null) expected.set(`${tag}-${i}`, s);
  });
  return expected;
}

async function until(what: string, check: () => Promise<boolean>, ms = 180_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const settled = (p: AlertProgress | null) => p !== null && p.targeted !== null && p.sent + p.failed + p.unreachable + p.skipped + p.cancelled === p.targeted;

function assertEachOnceInLanguage(sent: { address: string; text: string }[], expected: Map<string, ResidentSpec>): void {
  const counts = new Map<string, number>();
  for (const s of sent) counts.set(s.address, (counts.get(s.address) ?? 0) + 1);
  assert.deepEqual([...counts.keys()].filter((a) => !expected.has(a)), [], 'nobody outside the audience');
  assert.deepEqual([...expected.keys()].filter((a) => !counts.has(a)), [], 'nobody in the audience missed');
  assert.deepEqual([...counts].filter(([, n]) => n > 1), [], 'nobody twice');
  for (const s of sent) {
    const lang = expected.get(s.address)?.language ?? 'ur';
    assert.ok(s.text.includes(HEADING[lang]), `heading in ${lang}`);
    // No Sindhi text was written: Sindhi readers get the Urdu one.
    assert.ok(s.text.includes(lang === 'en' ? TEXTS.en : TEXTS.ur), `text for ${lang}`);
  }
}

test('an alert to two areas reaches each subscribed resident once, in their language, on their platform, never the opted-out or unreachable', async (t) => {
  const { app, vars } = await startTestApp(t);
  const specs = population(2000);
  // Web chat residents get no alerts: the web chat is for demonstrations.
  specs.push({ platform: 'web', language: 'ur', areas: ['korangi'] });
  await seedResidents(app, specs);
  const telegram = fakeChannel('telegram');
  const whatsapp = fakeChannel('whatsapp');
  const senders = [startSender(app, vars.QUEUE_PREFIX ?? '', telegram), startSender(app, vars.QUEUE_PREFIX ?? '', whatsapp)];
  t.after(() => Promise.all(senders.map((s) => s.close())));

  const { broadcast, warnings } = await sendAlert(
    { db: app.db, queues: app.queues, areas: app.flows.areas },
    { texts: TEXTS, target: { districts: [], areas: ['korangi', 'malir'] }, topic: 'crime', createdBy: 'test' },
  );
  assert.deepEqual(warnings, ['no Sindhi text: Sindhi readers will get the Urdu text']);
  await until('every delivery', async () => settled(await alertProgress(app.db, broadcast.id)));

  const expected = expectedOf(specs);
  assertEachOnceInLanguage([...telegram.sent, ...whatsapp.sent], expected);
  assert.ok(whatsapp.sent.every((s) => expected.get(s.address)?.platform === 'whatsapp'));
  assert.ok(whatsapp.sent.length > 0);
  const progress = await alertProgress(app.db, broadcast.id);
  assert.deepEqual(
    { targeted: progress?.targeted, queued: progress?.queuedTotal, sent: progress?.sent, failed: progress?.failed, status: progress?.status },
    { targeted: expected.size, queued: expected.size, sent: expected.size, failed: 0, status: 'sent' },
  );
  // Final now, the figures are kept on the alert and read from there: the deliveries are not counted again.
  const [kept] = await app.db.query<{ counts: { sent: number } }>('select final_counts as counts from broadcasts where id = $1', [broadcast.id]);
  assert.equal(kept?.counts.sent, expected.size);
  await app.db.query('delete from deliveries where broadcast_id = $1', [broadcast.id]);
  assert.equal((await alertProgress(app.db, broadcast.id))?.sent, expected.size);
});

test('a fan-out stopped after two batches resumes from its cursor, deliveries a feeder marked and never queued are handed again, and nobody gets the alert twice', async (t) => {
  const { app, vars } = await startTestApp(t, {}, 'web');
  const specs = population(1500).map((s) => ({ ...s, platform: 'telegram' as const }));
  await seedResidents(app, specs);
  const broadcast = await insertBroadcast(app.db, {
    texts: TEXTS,
    target: { districts: [], areas: ['korangi', 'malir'] },
    areaIds: ['korangi', 'korangi-district', 'malir', 'malir-district'],
    topic: 'crime',
    urgent: false,
    sendAt: null,
    createdBy: 'test',
  });
  // The process queues two batches and dies.
  const started = await startSending(app.db, broadcast.id);
  assert.ok(started);
  let cursor: string | null = null;
  for (let i = 0; i < 2; i++) {
    const step = await queueNextDeliveries(app.db, started, cursor, PRIORITY.normal, 100);
    assert.equal(step?.read, 100);
    cursor = step?.cursor ?? null;
  }
  assert.equal((await alertProgress(app.db, broadcast.id))?.queuedTotal, 200, 'the cursor stands after the second batch');
  // A feeder marks 50 of them handed and dies before they reach Redis.
  assert.equal((await handDeliveries(app.db, 'telegram', 50)).length, 50);

  const channel = fakeChannel();
  let sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel, { concurrency: 4 });
  t.after(() => sender.close());
  await until('the rest of the first two batches', async () => channel.sent.length === 150);
  // The sender stops (its active sends finish), the fan-out resumes, and the sender starts again.
  await sender.close();
  const resumed = await fanOut(app.db, broadcast.id, 100);
  assert.equal(resumed?.cancelled, false);
  sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel, { concurrency: 4 });
  const expected = expectedOf(specs);
  await until('all but the lost 50', async () => channel.sent.length === expected.size - 50);
  // The relay's sweep finds the 50 handed long ago and not sent.
  assert.equal(await releaseStaleDeliveries(app.db, 0), 50);
  await until('every delivery', async () => settled(await alertProgress(app.db, broadcast.id)));
  // A duplicate, if any, would come from a job queued twice: give the queue a moment to show it.
  await sleep(500);

  assertEachOnceInLanguage(channel.sent, expected);
  const progress = await alertProgress(app.db, broadcast.id);
  assert.equal(progress?.sent, expected.size);
  assert.equal(progress?.queuedTotal, expected.size);
});

test('alerts wait in the database and reach Redis a window at a time', async (t) => {
  const { app } = await startTestApp(t, {}, 'web');
  await seedResidents(app, Array.from({ length: 500 }, () => ({ areas: ['saddar'], language: 'en' as const })));
  const { broadcast } = await sendAlert({ db: app.db, queues: app.queues, areas: app.flows.areas }, { texts: { en: 'EN-ALERT' }, target: { districts: [], areas: ['saddar'] }, createdBy: 'test' });
  assert.equal((await fanOut(app.db, broadcast.id))?.queued, 500);
  const queue = app.queues.outbound('telegram');
  assert.equal(await queue.getPrioritizedCount(), 0, 'nothing in Redis before a feeder runs');
  assert.equal(await feedPlatform(app.db, app.queues, 'telegram', 120), 120);
  assert.equal(await feedPlatform(app.db, app.queues, 'telegram', 120), 0, 'a full window takes no more');
  await queue.remove((await queue.getPrioritized(0, 29)).map((j) => j.id ?? '')[0] ?? '');
  assert.equal(await feedPlatform(app.db, app.queues, 'telegram', 120), 1, 'room for one more');
  assert.equal(await queue.getPrioritizedCount(), 120);
});

test('replies in conversations go out before alert deliveries already waiting in the queue', async (t) => {
  const { app, vars } = await startTestApp(t, {}, 'web');
  const ids = await seedResidents(app, Array.from({ length: 300 }, () => ({ areas: ['saddar'], language: 'en' as const })));
  const broadcast = await insertBroadcast(app.db, {
    texts: { en: 'EN-ALERT' },
    target: { districts: [], areas: ['saddar'] },
    areaIds: ['saddar'],
    topic: null,
    urgent: true,
    sendAt: null,
    createdBy: 'test',
  });
  assert.equal((await fanOut(app.db, broadcast.id))?.queued, 300);
  // Replies written after the alerts were queued, to residents who are to get the alert too.
  const replies = await app.db.query<{ id: number; platform: 'telegram' }>(
    `insert into outbox (resident_id, platform, message) select id, 'telegram', '{"text": "REPLY"}'::jsonb from unnest($1::uuid[]) as id returning id, platform`,
    [ids.slice(0, 20)],
  );
  await queueSends(app.queues, replies);

  const channel = fakeChannel();
  const sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel, { concurrency: 1 });
  t.after(() => sender.close());
  await until('every message', async () => channel.sent.length === 320);
  const order = channel.sent.map((s) => (s.text === 'REPLY' ? 'reply' : 'alert'));
  assert.deepEqual(order.slice(0, 20), Array(20).fill('reply'));
  assert.equal(order.filter((o) => o === 'reply').length, 20);
});

test('quiet hours hold back ordinary alerts until they end and let urgent ones through, saying so; the daily cap holds for ordinary alerts', async (t) => {
  const { app, vars } = await startTestApp(t, {}, 'web');
  const hour = (new Date().getUTCHours() + 5) % 24;
  // chat-0 is in their quiet hours now, chat-1 already had their one alert of the day, chat-2 wants everything.
  await seedResidents(app, [
    { areas: ['lyari'], language: 'en', quiet: { from: hour, until: (hour + 2) % 24 } },
    { areas: ['lyari'], language: 'en', cap: 1, alertsToday: 1 },
    { areas: ['lyari'], language: 'en', cap: 3 },
  ]);
  const channel = fakeChannel();
  const sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel);
  t.after(() => sender.close());
  const send = async (text: string, urgent: boolean) => {
    const { broadcast } = await sendAlert(
      { db: app.db, queues: app.queues, areas: app.flows.areas },
      { texts: { en: text }, target: { districts: [], areas: ['lyari'] }, urgent, createdBy: 'test' },
    );
    await fanOut(app.db, broadcast.id);
    return broadcast.id;
  };

  const ordinary = await send('ORDINARY', false);
  await until('the ordinary alert', async () => {
    const p = await alertProgress(app.db, ordinary);
    return p !== null && p.sent + p.skipped === 2;
  });
  const urgent = await send('URGENT', true);
  await until('the urgent alert', async () => settled(await alertProgress(app.db, urgent)));
  await sleep(300);

  const got = (address: string) => channel.sent.filter((s) => s.address === address).map((s) => s.text);
  assert.equal(got('chat-0').length, 1, 'the ordinary alert waits for the end of the quiet hours');
  assert.match(got('chat-0')[0] ?? '', /URGENT[\s\S]*quiet hours/);
  assert.deepEqual(got('chat-1').map((text) => /URGENT/.test(text)), [true], 'capped for the ordinary alert, not for the urgent one');
  assert.equal(got('chat-2').length, 2);
  assert.ok(!got('chat-2').some((text) => /quiet hours/.test(text)));
  const progress = await alertProgress(app.db, ordinary);
  assert.deepEqual({ sent: progress?.sent, skipped: progress?.skipped, waiting: progress?.queued }, { sent: 1, skipped: 1, waiting: 1 });
  const [held] = await app.db.query<{ waitsMs: number; handed: boolean }>(
    `select extract(epoch from not_before - now()) * 1000 as "waitsMs", handed_at is not null as handed from deliveries where broadcast_id = $1 and status = 'queued'`,
    [ordinary],
  );
  assert.equal(held?.handed, false, 'it waits in the database, not in Redis');
  assert.ok((held?.waitsMs ?? 0) > 60 * 60_000 && (held?.waitsMs ?? 0) <= 2 * 60 * 60_000, 'it waits until the quiet hours end');
});

test('a scheduled alert waits for its time; cancelled while scheduled or while going out, nobody gets it after that', async (t) => {
  const { app, vars } = await startTestApp(t, {}, 'web');
  await seedResidents(app, Array.from({ length: 400 }, () => ({ areas: ['clifton'], language: 'ur' as const })));
  const deps = { db: app.db, queues: app.queues, areas: app.flows.areas };
  const target = { districts: [], areas: ['clifton'] };

  const later = await sendAlert(deps, { texts: { ur: 'LATER' }, target, sendAt: new Date(Date.now() + 3_600_000), createdBy: 'test' });
  const fanOutJob = await app.queues.broadcasts.getJob(`broadcast-${later.broadcast.id}`);
  assert.equal(await fanOutJob?.getState(), 'delayed');
  assert.equal(await cancelAlert(deps, later.broadcast.id), true);
  assert.equal(await app.queues.broadcasts.getJob(`broadcast-${later.broadcast.id}`), undefined);
  assert.equal(await fanOut(app.db, later.broadcast.id), null, 'a cancelled alert does not fan out');

  const now = await sendAlert(deps, { texts: { ur: 'NOW' }, target, createdBy: 'test' });
  assert.equal((await fanOut(app.db, now.broadcast.id))?.queued, 400);
  const channel = fakeChannel();
  let sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel, { concurrency: 2 });
  await until('some deliveries', async () => channel.sent.length >= 20);
  await sender.close();
  assert.equal(await cancelAlert(deps, now.broadcast.id), true);
  const counts = await app.queues.outbound('telegram').getJobCounts('prioritized', 'waiting', 'delayed');
  assert.deepEqual(counts, { prioritized: 0, waiting: 0, delayed: 0 }, 'the cancelled deliveries left the queue');
  const sentBefore = channel.sent.length;
  sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel, { concurrency: 2 });
  t.after(() => sender.close());
  await sleep(500);
  assert.equal(channel.sent.length, sentBefore, 'nobody got it after the cancellation');
  const progress = await alertProgress(app.db, now.broadcast.id);
  assert.deepEqual({ status: progress?.status, sent: progress?.sent, cancelled: progress?.cancelled }, { status: 'cancelled', sent: sentBefore, cancelled: 400 - sentBefore });
  assert.equal((await alertProgress(app.db, later.broadcast.id))?.status, 'cancelled');
});
