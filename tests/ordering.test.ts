import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { inboundQueueName } from '../src/pipeline/queues.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { REDIS_URL } from './helpers/env.ts';
import { type AppProcess, spawnApp } from './helpers/process.ts';

const RESIDENTS = 8;
const MESSAGES = 20;
const PARTITIONS = 4;

test('messages of one resident are handled in order with two worker processes', async (t) => {
  // The workers stop first (hooks run in the order they were added), then the process that started the database.
  const workers: AppProcess[] = [];
  t.after(async () => {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });
  // This process serves HTTP only; two other processes of the same data folder do all the work.
  const { url, app, vars } = await startTestApp(t, { INBOUND_PARTITIONS: String(PARTITIONS) }, 'web');
  workers.push(spawnApp(vars, ['--role', 'worker']), spawnApp(vars, ['--role', 'worker']));
  await Promise.all(workers.map((w) => w.started));

  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const partitions = Array.from({ length: PARTITIONS }, (_, p) => new Queue(inboundQueueName(p), { connection: redis, prefix: vars.QUEUE_PREFIX }));
  t.after(async () => {
    await Promise.all(partitions.map((q) => q.close()));
    await redis.quit();
  });
  // Workers register their blocking connections shortly after the process says it started.
  const registered = Date.now() + 10_000;
  let counts: number[] = [];
  do {
    counts = await Promise.all(partitions.map((q) => q.getWorkersCount()));
    if (counts.every((n) => n === 2)) break;
    await sleep(100);
  } while (Date.now() < registered);
  assert.deepEqual(counts, partitions.map(() => 2), 'two worker processes consume every partition');

  const clients = Array.from({ length: RESIDENTS }, (_, i) => new ChatClient(url, `order-resident-${i}`));
  // Each resident opens a talk with an officer; from then on every message is stored in the order handled.
  await Promise.all(
    clients.map(async (c) => {
      await c.say({ start: '' });
      await c.say({ choice: 'en' });
      await c.say({ text: 'officer' });
      await c.say({ text: 'Korangi' });
      await c.say({ text: 'first message' });
    }),
  );
  const bodies = Array.from({ length: MESSAGES }, (_, i) => `message ${String(i + 1).padStart(2, '0')}`);
  // All messages of all residents at once, without waiting for replies.
  await Promise.all(clients.map(async (c) => {
    for (const text of bodies) await c.send({ text });
  }));

  const deadline = Date.now() + 60_000;
  let stored: { resident: string; body: string }[] = [];
  while (Date.now() < deadline) {
    stored = await app.db.query(
      `select c.resident_id as resident, m.body from conversation_messages m join conversations c on c.id = m.conversation_id
       where m.body like 'message %' order by m.id`,
    );
    if (stored.length >= RESIDENTS * MESSAGES) break;
    await sleep(200);
  }
  const byResident = new Map<string, string[]>();
  for (const row of stored) byResident.set(row.resident, [...(byResident.get(row.resident) ?? []), row.body]);
  assert.equal(byResident.size, RESIDENTS);
  for (const received of byResident.values()) assert.deepEqual(received, bodies);
});
