import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { alertProgress, sendAlert } from '../src/broadcasts/service.ts';
import { testEnv } from './helpers/env.ts';
import { FAKE_TOKEN, FakeTelegram, privateChat } from './helpers/fake-telegram.ts';
import { launcher } from './helpers/launch.ts';

test('on Telegram a resident subscribes, chooses crime alerts only, gets the crime alert and not the roads one, and their answer reaches the officers', async (t) => {
  const fake = new FakeTelegram();
  const env = testEnv({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: await fake.start(), TELEGRAM_MODE: 'polling', TELEGRAM_CHAT_INTERVAL_MS: '50', WEB_CHAT: 'false' });
  const { launch } = launcher(t, env.vars, 'silent', async () => {
    await fake.stop();
    await env.cleanup();
  });
  const app = await launch();
  const chatId = 7301;
  const chat = privateChat(chatId);
  const { say, next } = fake.replies(chatId);
  const en = (key: string) => app.catalog.format('en', key);

  await say(chat.command('/start'));
  await say(chat.press('c:en'));
  await say(chat.press('c:alerts'));
  await say(chat.press('c:subscribe'));
  assert.match(await say(chat.text('korangi')), /Done\. You will get police alerts/);
  await say(chat.text('menu'));
  await say(chat.press('c:alerts'));
  assert.ok((await say(chat.press('c:settings'))).includes(en('alerts-topics-prompt')));
  assert.ok((await say(chat.press('c:choose'))).includes(en('alerts-topic-crime')));
  await say(chat.press('c:yes'));
  await say(chat.press('c:no'));
  await say(chat.press('c:no'));
  assert.ok((await say(chat.press('c:no'))).includes(en('alerts-cap-prompt')));
  assert.ok((await say(chat.press('c:cap-3'))).includes(en('alerts-quiet-prompt')));
  const saved = await say(chat.press('c:quiet-none'));
  assert.ok(saved.startsWith('Saved. Daily limit: 3 a day. Quiet hours: Any time is fine.'), saved);
  const [prefs] = await app.db.query<{ topics: string[]; cap: number; quiet: number | null }>(
    'select alert_topics as topics, alert_daily_cap as cap, quiet_from as quiet from residents where platform = $1',
    ['telegram'],
  );
  assert.deepEqual(prefs, { topics: ['crime'], cap: 3, quiet: null });

  const deps = { db: app.db, queues: app.queues, areas: app.flows.areas };
  const target = { districts: [], areas: ['korangi'] };
  const roads = await sendAlert(deps, { texts: { en: 'ROADS: Korangi road closed tonight.' }, target, topic: 'roads', createdBy: 'test' });
  const crime = await sendAlert(deps, { texts: { en: 'CRIME: snatchings near Korangi Crossing, keep phones out of sight.' }, target, topic: 'crime', createdBy: 'test' });
  const alert = await next();
  assert.match(alert, /^Police alert\n\nCRIME: snatchings/);
  // The roads alert's fan-out may still be counting when the crime alert arrives: its count is known once it is done.
  for (;;) {
    const p = await alertProgress(app.db, roads.broadcast.id);
    if (p?.targeted !== null && p?.targeted !== undefined) {
      assert.equal(p.targeted, 0, 'nobody who chose crime alerts only is targeted by a roads alert');
      break;
    }
    await sleep(50);
  }
  for (;;) {
    const p = await alertProgress(app.db, crime.broadcast.id);
    if (p?.sent === 1) break;
    await sleep(50);
  }

  // The resident answers the alert, as its footer says.
  await say(chat.text('officer'));
  await say(chat.text('korangi'));
  await say(chat.text('Is it safe to walk there in the evening?'));
  const [conversation] = await app.db.query<{ broadcast: number; body: string }>(
    `select c.broadcast_id as broadcast, m.body from conversations c join conversation_messages m on m.conversation_id = c.id`,
  );
  assert.deepEqual(conversation, { broadcast: crime.broadcast.id, body: 'Is it safe to walk there in the evening?' });
  assert.equal(fake.sent(chatId).filter((call) => String(call.payload.text).includes('ROADS')).length, 0);
});
