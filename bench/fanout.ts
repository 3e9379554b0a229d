/**
 * The fan-out bench: an alert to n subscribed residents (seeded in the database), sent by the program as
 * `npm start` runs it, with the deliveries going to a null sender in a process of its own. It measures the
 * time until every delivery is queued and until every one reached the sender, the program's peak memory, and
 * the conversation's p99 (web chat, closed loop) at rest and while the fan-out runs; against bare BullMQ:
 * `addBulk` of n jobs and a worker doing nothing with them, in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../src/app.ts';
import { sendAlert } from '../src/broadcasts/service.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { ROOT } from '../src/paths.ts';
import { openQueues } from '../src/pipeline/queues.ts';
import { connectProducer } from '../src/pipeline/redis.ts';
import { createSecrets } from '../src/secrets.ts';
import { getBroadcast } from '../src/store/broadcasts.ts';
import { openDatabase } from '../src/store/open.ts';
import { testEnv } from '../tests/helpers/env.ts';
import { spawnApp } from '../tests/helpers/process.ts';
import { percentile, runClosedLoop } from './closed-loop.ts';

export interface FanOutFigures {
  residents: number;
  /** From the alert being sent until every delivery is queued, and until every one reached the null sender. */
  queuedMs: number;
  sentMs: number;
  /** The program's peak resident memory before the alert and at the end; the sender's at the end. */
  programRssBeforeMb: number;
  programRssPeakMb: number;
  senderRssPeakMb: number;
  bare: { queuedMs: number; sentMs: number; rssPeakMb: number };
  p99RestMs: number;
  p99DuringMs: number;
  /** Conversation turns measured while the fan-out ran. */
  turnsDuring: number;
}

const progress = (line: string) => process.stderr.write(`fan-out of ${process.env.BENCH_FANOUT ?? 100_000}: ${line}\n`);

type Event = { ready?: true; queuedMs?: number; sentMs?: number; sentAt?: number; peakRssMb?: number };

/** Runs bench/fanout-sender.ts; `events` yields what it prints. */
function sender(mode: 'program' | 'bare', n: number, vars: Record<string, string>): { child: ChildProcess; next: (key: keyof Event) => Promise<Event> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/fanout-sender.ts'), mode, String(n)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...vars, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: Event[] = [];
  let wake = () => {};
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      events.push(JSON.parse(buffer.slice(0, end)) as Event);
      buffer = buffer.slice(end + 1);
      wake();
    }
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    child,
    async next(key) {
      for (;;) {
        const found = events.find((e) => e[key] !== undefined);
        if (found) return found;
        const woken = new Promise<void>((resolve) => {
          wake = resolve;
        });
        if ((await Promise.race([woken.then(() => 'event'), exited.then(() => 'exit')])) === 'exit') throw new Error(`fan-out sender (${mode}) exited`);
      }
    },
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** Peak resident memory of a process so far (Linux), in MB. */
function peakRssMb(pid: number | undefined): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** n residents on Telegram in Urdu, Sindhi and English, subscribed to Korangi or Malir, one in ten to both. */
async function seed(db: { query: (text: string, params?: unknown[]) => Promise<unknown> }, n: number, addressEnc: string): Promise<void> {
  await db.query(
    `insert into residents (platform, address_hash, address_enc, language)
     select 'telegram', 'bench-' || i, $1, (array['ur', 'sd', 'en'])[1 + i % 3] from generate_series(1, $2::int) i`,
    [addressEnc, n],
  );
  await db.query(
    `insert into subscriptions (resident_id, area_id)
     select id, case when hashtext(id::text) % 2 = 0 then 'korangi' else 'malir' end from residents where address_hash like 'bench-%'`,
  );
  await db.query(
    `insert into subscriptions (resident_id, area_id) select id, 'korangi' from residents where address_hash like 'bench-%' and hashtext(id::text) % 10 = 1
     on conflict do nothing`,
  );
  await db.query('analyze residents');
  await db.query('analyze subscriptions');
}

/** `settings`: what the program needs on top (the web chat on, its abuse limits out of the bench's way). */
export async function benchFanOut(n: number, residents: number, databaseUrl: string | undefined, settings: Record<string, string> = {}): Promise<FanOutFigures> {
  const env = testEnv({
    INBOUND_PARTITIONS: '16',
    NODE_ENV: 'production',
    JOB_LOCK_SECONDS: '',
    OUTBOX_RELAY_SECONDS: '',
    DATABASE_URL: databaseUrl ?? '',
    DATABASE_SCHEMA: databaseUrl ? `bench_${randomBytes(4).toString('hex')}` : '',
    ...settings,
  });
  const children: ChildProcess[] = [];
  try {
    const bare = sender('bare', n, env.vars);
    children.push(bare.child);
    const bareQueued = await bare.next('queuedMs');
    const bareSent = await bare.next('sentMs');
    await stop(bare.child);
    // Said as they come: a million residents take long to send, and a run cut short still tells these.
    progress(`bare: queued ${bareQueued.queuedMs?.toFixed(0)} ms, sent ${bareSent.sentMs?.toFixed(0)} ms`);

    const app = spawnApp({ ...env.vars, LOG_LEVEL: 'info' });
    children.push(app.child);
    const url = await app.started;
    const config = loadConfig(env.vars);
    const secrets = createSecrets(config.SECRET_KEY ?? Buffer.alloc(32));
    const database = await openDatabase(config, secrets, createLogger({ level: 'warn', pretty: false }));
    const producer = connectProducer(config.REDIS_URL);
    const queues = await openQueues(producer, { prefix: config.QUEUE_PREFIX, partitions: config.INBOUND_PARTITIONS });
    try {
      await seed(database.db, n, secrets.encrypt('bench-null-chat'));
      const rest = await runClosedLoop(url, { residents, rounds: 3, tag: `rest${randomBytes(3).toString('hex')}` });

      const sending = sender('program', n, env.vars);
      children.push(sending.child);
      await sending.next('ready');
      const programRssBeforeMb = peakRssMb(app.child.pid);
      const sentAt = Date.now();
      const { broadcast } = await sendAlert(
        { db: database.db, queues, areas: loadContent().flows.areas },
        { texts: { ur: 'کورنگی اور ملیر: آج رات سڑکیں بند رہیں گی۔', sd: 'ڪورنگي ۽ ملير: اڄ رات رستا بند رهندا.', en: 'Korangi and Malir: roads closed tonight.' }, target: { districts: [], areas: ['korangi', 'malir'] }, createdBy: 'bench' },
      );
      let done = false;
      const delivered = sending.next('sentAt').then((event) => {
        done = true;
        return event;
      });
      // Conversations go on while the alert goes out: closed loops one after the other until it reached everyone.
      const during: number[] = [];
      const loops = (async () => {
        while (!done) during.push(...(await runClosedLoop(url, { residents, rounds: 2, tag: `during${randomBytes(3).toString('hex')}` })).latencies);
      })();
      // Awaited below, after the fan-out; a failure meanwhile must not count as unhandled.
      loops.catch(() => {});
      let queuedMs = Number.NaN;
      for (;;) {
        const b = await getBroadcast(database.db, broadcast.id);
        if (b?.status === 'sent' && b.finishedAt) {
          queuedMs = b.finishedAt.getTime() - b.createdAt.getTime();
          const sorted = [...during].sort((x, y) => x - y);
          progress(
            `program: queued ${queuedMs} ms, peak RSS ${peakRssMb(app.child.pid).toFixed(0)} MB; conversation p99 at rest ${percentile(rest.latencies, 99).toFixed(0)} ms, ` +
              `while queueing ${percentile(sorted, 99).toFixed(0)} ms (${sorted.length} turns)`,
          );
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const last = await delivered;
      await loops;
      during.sort((a, b) => a - b);
      return {
        residents: n,
        queuedMs,
        sentMs: (last.sentAt ?? Number.NaN) - sentAt,
        programRssBeforeMb,
        programRssPeakMb: peakRssMb(app.child.pid),
        senderRssPeakMb: last.peakRssMb ?? Number.NaN,
        bare: { queuedMs: bareQueued.queuedMs ?? Number.NaN, sentMs: bareSent.sentMs ?? Number.NaN, rssPeakMb: bareSent.peakRssMb ?? Number.NaN },
        p99RestMs: percentile(rest.latencies, 99),
        p99DuringMs: percentile(during, 99),
        turnsDuring: during.length,
      };
    } catch (error) {
      // What the program said last usually explains it.
      process.stderr.write(app.output().split('\n').slice(-20).join('\n'));
      throw error;
    } finally {
      await queues.close();
      await producer.quit();
      await database.close();
    }
  } finally {
    for (const child of children.reverse()) await stop(child);
    await env.cleanup();
  }
}
