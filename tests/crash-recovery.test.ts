import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { inboundQueueName } from '../src/pipeline/queues.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { REDIS_URL, testEnv } from './helpers/env.ts';
import { spawnApp } from './helpers/process.ts';

const RESIDENTS = 6;
const HELPS = 8;
/** Each message gets exactly one reply: the start, the language choice, then every "help". */
const EXPECTED_REPLIES = 2 + HELPS;

interface Pending {
  resident: string;
  id: string;
  body: Record<string, unknown>;
}

async function post(url: string, message: Pending): Promise<boolean> {
  try {
    const response = await fetch(`${url}/chat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resident: message.resident, id: message.id, ...message.body }),
    });
    return response.status === 202;
  } catch {
    return false;
  }
}

test('a worker killed with SIGKILL in the middle of a job loses nothing and sends no duplicate after restart', async (t) => {
  const env = testEnv({ INBOUND_PARTITIONS: '4', JOB_LOCK_SECONDS: '2', OUTBOX_RELAY_SECONDS: '1' });
  t.after(() => env.cleanup());
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const partitions = Array.from({ length: 4 }, (_, p) => new Queue(inboundQueueName(p), { connection: redis, prefix: env.vars.QUEUE_PREFIX }));
  t.after(async () => {
    await Promise.all(partitions.map((q) => q.close()));
    await redis.quit();
  });

  const first = spawnApp(env.vars);
  t.after(() => first.child.kill('SIGKILL'));
  const firstUrl = await first.started;

  const residents = Array.from({ length: RESIDENTS }, (_, i) => `crash-resident-${i}`);
  const queues = residents.map((resident) => [
    { resident, id: 'start', body: { start: '' } },
    { resident, id: 'lang', body: { choice: 'en' } },
    ...Array.from({ length: HELPS }, (_, i) => ({ resident, id: `help-${i}`, body: { text: 'help' } })),
  ]);
  const unsent: Pending[] = [];
  const sending = Promise.all(
    queues.map(async (messages) => {
      for (const message of messages) {
        if (!(await post(firstUrl, message))) unsent.push(message);
      }
    }),
  );

  // Kill while a job is active: its transaction is open or just committed, its replies maybe not yet sent.
  let killed = false;
  const deadline = Date.now() + 20_000;
  while (!killed && Date.now() < deadline) {
    const active = await Promise.all(partitions.map((q) => q.getActiveCount()));
    if (active.some((n) => n > 0)) {
      first.child.kill('SIGKILL');
      killed = true;
    }
  }
  assert.ok(killed, 'a job was seen active');
  await first.exited;
  await sending;

  const second = spawnApp(env.vars);
  t.after(() => second.child.kill('SIGKILL'));
  const secondUrl = await second.started;
  // Messages the dead process never accepted are sent again by their clients, with the same ids.
  for (const message of unsent) assert.ok(await post(secondUrl, message));

  const clients = residents.map((resident) => new ChatClient(secondUrl, resident));
  const until = Date.now() + 45_000;
  let counts: number[] = [];
  while (Date.now() < until) {
    counts = await Promise.all(clients.map(async (c) => (await c.all()).length));
    if (counts.every((n) => n >= EXPECTED_REPLIES)) break;
    await sleep(200);
  }
  // Give a duplicate, if any, the time to show up: a stalled job is retried after the lock expires (2 s).
  await sleep(3000);
  counts = await Promise.all(clients.map(async (c) => (await c.all()).length));
  assert.deepEqual(counts, residents.map(() => EXPECTED_REPLIES), `replies per resident (unsent before kill: ${unsent.length})`);
  for (const client of clients) {
    const texts = (await client.all()).map((m) => m.text);
    assert.match(texts[1] ?? '', /Welcome to Mohalla/);
    assert.ok(texts.slice(2).every((text) => text.includes('menu or 0')), 'every help was answered once, in order');
  }
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
});
