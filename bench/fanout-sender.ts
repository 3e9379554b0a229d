/**
 * The sending end of the fan-out bench, in a process of its own: `tsx bench/fanout-sender.ts <mode> <n>`.
 * - `program`: the program's outbound worker for Telegram with a channel that sends nowhere (the null sender):
 *   every delivery is read, claimed and marked sent as in production, without the platform's rate limit.
 * - `bare`: the baseline, bare BullMQ: `addBulk` of n jobs of the same shape (id, priority) in batches of a
 *   thousand, then a worker with the same concurrency that does nothing with them.
 * It prints one JSON line per event: {"ready"}; for `bare` {"queuedMs"} and {"sentMs", "peakRssMb"} from its
 * own start; for `program` {"sentAt", "peakRssMb"} (the wall clock) when the n-th delivery reached it.
 */
import { Queue, Worker } from 'bullmq';
import { loadContent } from '../src/app.ts';
import { createAlertCache } from '../src/broadcasts/alert-cache.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { createMetrics } from '../src/metrics.ts';
import { OUTBOUND_JOB_OPTIONS, startOutboundWorker } from '../src/pipeline/outbound.ts';
import { openQueues } from '../src/pipeline/queues.ts';
import { connectProducer, connectRedis } from '../src/pipeline/redis.ts';
import { createSecrets, loadMasterKey } from '../src/secrets.ts';
import { openDatabase } from '../src/store/open.ts';

export const SENDER_CONCURRENCY = 64;
/** The baseline queues in batches as large as a fan-out of Redis jobs would: a thousand. */
const BARE_BATCH = 1000;

const [mode, count] = process.argv.slice(2);
const n = Number(count);
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

const config = loadConfig();
const log = createLogger({ level: 'warn', pretty: false });
let sent = 0;
let started = 0;
const done = () => {
  if (++sent === n) say({ sentMs: performance.now() - started, sentAt: Date.now(), peakRssMb: peakRssMb() });
};

if (mode === 'bare') {
  const connection = connectProducer(config.REDIS_URL);
  const queue = new Queue('bench-bare', { connection, prefix: config.QUEUE_PREFIX });
  const worker = new Worker('bench-bare', async () => done(), { connection: connectRedis(config.REDIS_URL), prefix: config.QUEUE_PREFIX, concurrency: SENDER_CONCURRENCY });
  say({ ready: true });
  started = performance.now();
  for (let from = 0; from < n; from += BARE_BATCH) {
    const jobs = Array.from({ length: Math.min(BARE_BATCH, n - from) }, (_, i) => ({
      name: 'alert',
      data: { deliveryId: from + i + 1 },
      opts: { ...OUTBOUND_JOB_OPTIONS, jobId: `alert-${from + i + 1}`, priority: 2 },
    }));
    await queue.addBulk(jobs);
  }
  say({ queuedMs: performance.now() - started });
  process.on('SIGTERM', async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    process.exit(0);
  });
} else {
  const secrets = createSecrets(loadMasterKey(config.SECRET_KEY, '/dev/null').key);
  const { catalog, flows } = loadContent();
  const database = await openDatabase(config, secrets, log);
  const redis = connectRedis(config.REDIS_URL);
  const queues = await openQueues(connectProducer(config.REDIS_URL), { prefix: config.QUEUE_PREFIX, partitions: config.INBOUND_PARTITIONS });
  const worker = startOutboundWorker({
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    db: database.db,
    queues,
    secrets,
    channel: { platform: 'telegram', send: async () => done() },
    log,
    lockMs: config.JOB_LOCK_SECONDS * 1000,
    metrics: createMetrics(),
    alerts: createAlertCache(database.db, catalog, flows.constants),
    concurrency: SENDER_CONCURRENCY,
  });
  say({ ready: true });
  process.on('SIGTERM', async () => {
    await worker.close();
    await queues.close();
    await database.close();
    process.exit(0);
  });
}
