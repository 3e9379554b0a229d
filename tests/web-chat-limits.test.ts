import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from '../src/net.ts';
import { webNotifyChannel } from '../src/channels/web/web-mailbox.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { REDIS_URL, testEnv } from './helpers/env.ts';
import { FAKE_TOKEN, FakeTelegram, privateChat } from './helpers/fake-telegram.ts';
import { launcher } from './helpers/launch.ts';

test('in production the web chat is off unless turned on, and the log says so', async (t) => {
  const env = testEnv({ NODE_ENV: 'production' });
  const { launch, logs } = launcher(t, env.vars, 'info', env.cleanup);
  const app = await launch();
  assert.equal((await fetch(`${app.url}/chat/`)).status, 404);
  const post = await fetch(`${app.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resident":"prod-resident-1","text":"salam"}' });
  assert.equal(post.status, 404);
  assert.match(logs(), /web chat: disabled \(off by default in production; set WEB_CHAT=true to enable\)/);
});

test('past INBOUND_MAX_BACKLOG waiting messages, the web chat and the Telegram webhook answer 503 and queue nothing more', async (t) => {
  const fake = new FakeTelegram();
  const apiRoot = await fake.start();
  t.after(() => fake.stop());
  const secret = 'webhook-secret-for-backlog';
  const port = await freePort();
  // A web-only process: nothing handles what it takes in, so the backlog only grows.
  const limits = { INBOUND_MAX_BACKLOG: '6', TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_MODE: 'webhook' };
  const { app, url } = await startTestApp(t, { ...limits, PORT: String(port), TELEGRAM_WEBHOOK_SECRET: secret }, 'web');
  const chat = new ChatClient(url, 'backlog-resident-1');
  const telegram = (updateId: number) =>
    fetch(`${url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify({ update_id: updateId, ...privateChat(7301).text(`message ${updateId}`) }),
    });

  for (let i = 0; i < 5; i++) assert.equal((await chat.post({ text: `message ${i}` })).status, 202);
  assert.equal((await telegram(1)).status, 200);

  const refused = await chat.post({ text: 'one too many' });
  assert.equal(refused.status, 503);
  assert.ok(Number(refused.headers.get('retry-after')) > 0, 'says when to try again');
  assert.match(((await refused.json()) as { message: string }).message, /too busy: nothing was accepted/);
  // Telegram sends an update again after any answer that is not 2xx.
  assert.equal((await telegram(2)).status, 503);

  const waiting = await Promise.all(app.queues.inbound.map((q) => q.count()));
  assert.equal(waiting.reduce((a, b) => a + b, 0), 6, 'only what was accepted waits');
});

test('the web chat API answers 429 with Retry-After past the limit per resident and per address', async (t) => {
  // Behind a trusted proxy, X-Forwarded-For says whose request it is.
  const { url, vars } = await startTestApp(t, { WEB_CHAT_RATE_PER_MINUTE: '4', WEB_CHAT_ADDRESS_RATE_PER_MINUTE: '10', TRUST_PROXY: '127.0.0.1' });
  const post = (resident: string, address: string, text: string) =>
    fetch(`${url}/chat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ resident, text }),
    });

  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await post('limited-resident-1', '198.51.100.7', `hello ${i}`)).status);
  assert.deepEqual(statuses, [202, 202, 202, 202, 429], 'the fifth request of one resident in a minute is refused');
  const refused = await post('limited-resident-1', '198.51.100.7', 'again');
  assert.equal(refused.status, 429);
  const seconds = Number(refused.headers.get('retry-after'));
  assert.ok(seconds >= 1 && seconds <= 60, `Retry-After: ${seconds}`);
  assert.match(((await refused.json()) as { message: string }).message, /^too many requests for this resident: try again in \d+ s$/);
  // Reading counts too: a resident refused for posting is refused for polling.
  assert.equal((await fetch(`${url}/chat/api/messages?resident=limited-resident-1`, { headers: { 'x-forwarded-for': '198.51.100.7' } })).status, 429);

  // Another resident from another address is not held back by the first one.
  assert.equal((await post('limited-resident-2', '198.51.100.8', 'hello')).status, 202);

  // Many resident ids from one address: the address limit (10) holds, whatever the ids.
  const fromOneAddress: number[] = [];
  for (let i = 0; i < 12; i++) fromOneAddress.push((await post(`rotating-resident-${i}`, '203.0.113.9', 'hello')).status);
  assert.equal(fromOneAddress.filter((s) => s === 202).length, 10);
  const last = await post('rotating-resident-x', '203.0.113.9', 'hello');
  assert.equal(last.status, 429);
  assert.match(((await last.json()) as { message: string }).message, /too many requests for this address/);

  // The counters in Redis are named by keyed hashes, never by the address or the resident id.
  const redis = new Redis(REDIS_URL);
  t.after(() => redis.quit());
  const keys = await redis.keys(`${vars.QUEUE_PREFIX}:rate-limit:*`);
  assert.ok(keys.length > 0);
  for (const key of keys) assert.ok(!/limited-resident|rotating-resident|198\.51|203\.0/.test(key), key);
});

/** An open event stream, read as it comes. */
async function openStream(url: string, resident: string, after = '') {
  const controller = new AbortController();
  const response = await fetch(`${url}/chat/api/stream?resident=${resident}${after ? `&after=${after}` : ''}`, { signal: controller.signal });
  let text = '';
  let ended = false;
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) text += decoder.decode(chunk as Uint8Array);
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  return {
    response,
    text: () => text,
    ended: () => ended,
    reading,
    close: () => controller.abort(),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await sleep(25);
  assert.ok(condition(), what);
}

test('event streams are capped per resident and in all; a newer page takes over from the oldest', async (t) => {
  const { url } = await startTestApp(t, { WEB_CHAT_STREAMS_PER_RESIDENT: '2', WEB_CHAT_MAX_STREAMS: '4' });
  const a1 = await openStream(url, 'streaming-resident-a');
  const a2 = await openStream(url, 'streaming-resident-a');
  const a3 = await openStream(url, 'streaming-resident-a');
  assert.deepEqual([a1, a2, a3].map((s) => s.response.status), [200, 200, 200]);
  await until(a1.ended, 'the oldest stream of the resident was ended');
  assert.ok(!a2.ended() && !a3.ended());

  const b1 = await openStream(url, 'streaming-resident-b');
  const b2 = await openStream(url, 'streaming-resident-b');
  const refused = await fetch(`${url}/chat/api/stream?resident=streaming-resident-c`);
  assert.equal(refused.status, 503);
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  assert.match(((await refused.json()) as { message: string }).message, /too many open event streams/);
  // A resident at their own cap may still replace their oldest page.
  const a4 = await openStream(url, 'streaming-resident-a');
  assert.equal(a4.response.status, 200);
  await until(a2.ended, 'the oldest stream of the resident was ended');

  b1.close();
  let c1 = await openStream(url, 'streaming-resident-c');
  for (let i = 0; i < 40 && c1.response.status !== 200; i++) {
    await sleep(50);
    c1 = await openStream(url, 'streaming-resident-c');
  }
  assert.equal(c1.response.status, 200, 'a closed stream makes room');

  // Every open page of a resident gets each reply.
  const chat = new ChatClient(url, 'streaming-resident-a');
  await chat.send({ start: '' });
  await until(() => a3.text().includes('event: message') && a4.text().includes('event: message'), 'both open pages got the reply');
  for (const s of [a3, a4, b2, c1]) s.close();
});

test('a reply fanned out to many pages of one resident costs one database read, and pages that left cost none', async (t) => {
  const { app, url, vars } = await startTestApp(t, { WEB_CHAT_STREAMS_PER_RESIDENT: '50' });
  const resident = 'fan-out-resident-1';
  const chat = new ChatClient(url, resident);
  await chat.say({ start: '' });
  const first = await chat.say({ choice: 'en' });
  let reads = 0;
  const query = app.db.query.bind(app.db);
  app.db.query = ((text: string, params?: unknown[]) => {
    if (text.includes('from web_messages w join')) reads++;
    return query(text, params);
  }) as typeof app.db.query;
  const pages = await Promise.all(Array.from({ length: 30 }, () => openStream(url, resident, first.id)));
  await until(() => reads === 30, 'each page read what it missed when it opened');
  reads = 0;
  await chat.send({ text: 'help' });
  await until(() => pages.every((p) => p.text().split('event: message').length === 2), 'every page got the reply');
  const second = { id: /id: (\d+)/.exec(pages[0]?.text() ?? '')?.[1] ?? '' };
  assert.equal(reads, 0, 'an announced reply is written to every page without a read');

  // An announcement that follows one the pages never saw (lost in a crash) makes them read what they missed:
  // one read for all of them.
  const redis = new Redis(REDIS_URL);
  t.after(() => redis.quit());
  const announce = (id: number) =>
    redis.publish(
      webNotifyChannel(vars.QUEUE_PREFIX ?? ''),
      JSON.stringify({ residentKey: app.secrets.hashAddress('web', resident), message: { id: String(id), text: `late ${id}` }, previousId: String(id - 1) }),
    );
  await announce(Number(second.id) + 2);
  await until(() => pages.every((p) => p.text().includes(`late ${Number(second.id) + 2}`)), 'every page got the late message');
  assert.equal(reads, 1, 'one read for thirty pages');

  for (const p of pages) p.close();
  await until(() => pages.every((p) => p.ended()), 'the pages are closed');
  await sleep(200);
  reads = 0;
  await announce(Number(second.id) + 4);
  await sleep(300);
  assert.equal(reads, 0, 'nobody reads for pages that have gone');
});
