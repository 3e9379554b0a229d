import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadContent } from '../src/app.ts';
import { sendAlert } from '../src/broadcasts/service.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openQueues } from '../src/pipeline/queues.ts';
import { connectProducer } from '../src/pipeline/redis.ts';
import { createSecrets } from '../src/secrets.ts';
import { getBroadcast } from '../src/store/broadcasts.ts';
import { openDatabase } from '../src/store/open.ts';
import { testEnv } from './helpers/env.ts';
import { spawnApp } from './helpers/process.ts';

const RESIDENTS = 8000;
const WINDOW = 500;

test('the program killed with SIGKILL in the middle of a fan-out resumes it after a restart and queues nobody twice', async (t) => {
  // Undone last first: the processes, then this test's connections, then the data folder and Redis keys.
  const undo: (() => Promise<unknown>)[] = [];
  t.after(async () => {
    for (const step of undo.reverse()) await step();
  });
  // Small batches, so that the kill falls in the middle of the fan-out.
  const env = testEnv({ ALERT_FANOUT_BATCH: '100', ALERT_QUEUE_WINDOW: String(WINDOW) });
  undo.push(() => env.cleanup());
  const first = spawnApp(env.vars);
  undo.push(async () => first.child.kill('SIGKILL'));
  await first.started;

  const config = loadConfig(env.vars);
  const database = await openDatabase(config, createSecrets(config.SECRET_KEY ?? Buffer.alloc(32)), createLogger({ level: 'silent', pretty: false }));
  const producer = connectProducer(config.REDIS_URL);
  const queues = await openQueues(producer, { prefix: config.QUEUE_PREFIX, partitions: config.INBOUND_PARTITIONS });
  undo.push(async () => {
    await queues.close();
    await producer.quit();
    await database.close();
  });
  const { db } = database;
    await db.query(
    `insert into residents (platform, address_hash, address_enc, language) select 'telegram', 'crash-' || i, 'x', 'ur' from generate_series(1, $1::int) i`,
    [RESIDENTS],
  );
  await db.query(`insert into subscriptions (resident_id, area_id) select id, 'korangi' from residents`);
  await db.query(`insert into subscriptions (resident_id, area_id) select id, 'malir' from residents where hashtext(id::text) % 3 = 0`);

  const { broadcast } = await sendAlert(
    { db, queues, areas: loadContent().flows.areas },
    { texts: { ur: 'کورنگی: آج رات سڑک بند رہے گی۔' }, target: { districts: [], areas: ['korangi', 'malir'] }, createdBy: 'test' },
  );
  let queuedAtKill = 0;
  for (;;) {
    const b = await getBroadcast(db, broadcast.id);
    queuedAtKill = b?.queued ?? 0;
    if (queuedAtKill >= 1000 || b?.status === 'sent') break;
    await sleep(20);
  }
  first.child.kill('SIGKILL');
  await first.exited;
  assert.ok(queuedAtKill < RESIDENTS, `killed before the fan-out ended (${queuedAtKill} queued)`);

  const second = spawnApp(env.vars);
  undo.push(async () => {
    second.child.kill('SIGTERM');
    await second.exited;
  });
  await second.started;
  for (;;) {
    const b = await getBroadcast(db, broadcast.id);
    if (b?.status === 'sent') break;
    await sleep(100);
  }
  const b = await getBroadcast(db, broadcast.id);
  const [deliveries] = await db.query<{ n: number; residents: number }>(
    'select count(*)::int as n, count(distinct resident_id)::int as residents from deliveries where broadcast_id = $1',
    [broadcast.id],
  );
  assert.deepEqual(
    { targeted: b?.targeted, queued: b?.queued, deliveries: deliveries?.n, residents: deliveries?.residents },
    { targeted: RESIDENTS, queued: RESIDENTS, deliveries: RESIDENTS, residents: RESIDENTS },
  );
  // No platform is configured: the feeder fills the Telegram queue up to its window, and no further.
  const queue = queues.outbound('telegram');
  while ((await queue.getPrioritizedCount()) < WINDOW) await sleep(100);
  await sleep(500);
  assert.equal(await queue.getPrioritizedCount(), WINDOW);
});
