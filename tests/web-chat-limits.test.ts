import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort } from '../src/net.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { testEnv } from './helpers/env.ts';
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
