/**
 * `npm run bench`: throughput of the conversation pipeline and of the flow engine, each printed as a ratio
 * against a baseline measured in the same run on the same machine (machines here are shared and noisy).
 *
 * - pipeline: messages from many residents through the whole path (inbox → partitioned queue → engine and
 *   database transaction → outbox → outbound queue → web channel), against bare BullMQ jobs that do nothing,
 *   on the same partitions with the same one-at-a-time rule.
 * - engine: one turn of the pure engine, against a JSON round trip of the same session (what storing it costs).
 *
 * Uses Redis at REDIS_URL, and PostgreSQL at DATABASE_URL when set, the embedded database otherwise.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { loadContent, startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { advance, newSession } from '../src/engine/engine.ts';
import { createLogger } from '../src/log.ts';
import { partitionOf } from '../src/pipeline/queues.ts';
import { testEnv } from '../tests/helpers/env.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 200);
const PARTITIONS = 16;

async function rawQueueRate(redisUrl: string, prefix: string): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = Array.from({ length: PARTITIONS }, (_, p) => new Queue(`raw-${p}`, { connection, prefix }));
  await Promise.all(queues.map((q) => q.setGlobalConcurrency(1)));
  let done = 0;
  let allDone = () => {};
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const workers = queues.map(
    (q) =>
      new Worker(q.name, async () => {}, { connection, prefix, concurrency: 1 }).on('completed', () => {
        if (++done === MESSAGES) allDone();
      }),
  );
  const start = performance.now();
  const byQueue = new Map<number, { name: string; data: { i: number }; opts: { removeOnComplete: true } }[]>();
  for (let i = 0; i < MESSAGES; i++) {
    const p = partitionOf(`resident-${i % RESIDENTS}`, PARTITIONS);
    byQueue.set(p, [...(byQueue.get(p) ?? []), { name: 'job', data: { i }, opts: { removeOnComplete: true } }]);
  }
  await Promise.all([...byQueue].map(([p, jobs]) => queues[p]?.addBulk(jobs)));
  await finished;
  const rate = MESSAGES / ((performance.now() - start) / 1000);
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(queues.map((q) => q.obliterate({ force: true }).then(() => q.close())));
  await connection.quit();
  return rate;
}

async function pipelineRate(vars: Record<string, string>): Promise<number> {
  const app = await startApp(loadConfig(vars), 'all', createLogger({ level: 'silent', pretty: false }));
  try {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: MESSAGES }, (_, i) =>
        app.inbox.accept({
          id: `bench-${i}`,
          platform: 'web',
          address: `bench-resident-${i % RESIDENTS}`,
          receivedAt: new Date().toISOString(),
          input: { kind: 'text', text: 'help' },
        }),
      ),
    );
    for (;;) {
      const [row] = await app.db.query<{ n: number }>('select count(*)::int as n from web_messages');
      if ((row?.n ?? 0) >= MESSAGES) break;
      await sleep(50);
    }
    return MESSAGES / ((performance.now() - start) / 1000);
  } finally {
    await app.stop();
  }
}

function perSecond(fn: () => void, ms = 1500): number {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    fn();
    n++;
  }
  return n / (ms / 1000);
}

function engineRates(): { engine: number; json: number } {
  const { flows } = loadContent();
  const session = { ...newSession(), lang: 'ur' as const, flow: 'report', step: 'area', vars: { category: { choice: 'mugging', label: 'category-mugging' } } };
  const env = { id: 'b', now: new Date().toISOString(), input: { kind: 'text' as const, text: 'گلشن اقبال' } };
  perSecond(() => advance(flows, session, env), 300);
  return {
    engine: perSecond(() => advance(flows, session, env)),
    json: perSecond(() => JSON.parse(JSON.stringify(session))),
  };
}

const env = testEnv({ INBOUND_PARTITIONS: String(PARTITIONS), DATABASE_URL: process.env.DATABASE_URL ?? '', DATABASE_SCHEMA: process.env.DATABASE_URL ? `bench_${Date.now()}` : '' });
try {
  const fmt = (n: number) => n.toFixed(0).padStart(8);
  const engine = engineRates();
  process.stdout.write(`engine turn (area answer)   ${fmt(engine.engine)} /s   baseline JSON round trip ${fmt(engine.json)} /s   ratio ${(engine.engine / engine.json).toFixed(3)}\n`);
  const raw = await rawQueueRate(env.vars.REDIS_URL ?? '', env.vars.QUEUE_PREFIX ?? '');
  const full = await pipelineRate(env.vars);
  const db = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  process.stdout.write(
    `pipeline (${db}, ${MESSAGES} msgs, ${RESIDENTS} residents) ${fmt(full)} /s   baseline bare BullMQ ${fmt(raw)} /s   ratio ${(full / raw).toFixed(3)}\n`,
  );
} finally {
  await env.cleanup();
}
