/**
 * `npm run bench`: what a turn of conversation costs, printed as ratios against baselines measured in the same
 * run on the same machine (machines here are shared and noisy).
 *
 * - conversation: residents in a closed loop over the web chat (post a message, read the reply from the event
 *   stream, answer), against the floor: the same HTTP contract through two bare BullMQ hops (bench/floor.ts),
 *   measured before and after. The program runs as `npm start` runs it, in its own process: with the embedded
 *   database, and again with PostgreSQL at BENCH_DATABASE_URL when set. For each: the time of each stage (from
 *   the program's /metrics) and the CPU each process spent per turn.
 * - recovery: the program killed with SIGKILL while residents are mid-report, then started again: how long
 *   until the last of them is answered, and whether anything was lost or answered twice.
 * - engine: one turn of the pure engine, against a JSON round trip of the same session (what storing it costs).
 * - fan-out: an alert to BENCH_FANOUT (100,000) subscribed residents, against bare BullMQ (bench/fanout.ts).
 * BENCH_ONLY=conversation or BENCH_ONLY=fanout runs one part.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent } from '../src/app.ts';
import { advance, newSession } from '../src/engine/engine.ts';
import { STAGES } from '../src/metrics.ts';
import { ROOT } from '../src/paths.ts';
import { embeddedServer } from '../src/store/embedded.ts';
import { crashMidReport } from '../tests/helpers/crash-scenario.ts';
import { testEnv } from '../tests/helpers/env.ts';
import { spawnApp } from '../tests/helpers/process.ts';
import { REPORT_SCRIPT } from '../tests/helpers/report-script.ts';
import { type LoopResult, percentile, runClosedLoop } from './closed-loop.ts';
import { benchFanOut } from './fanout.ts';
import { cpuSeconds, pidOf, treeCpuSeconds } from './cpu.ts';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 3));
const CRASH_RESIDENTS = Number(process.env.BENCH_CRASH_RESIDENTS ?? 20);
const PARTITIONS = '16';
const FANOUT = Number(process.env.BENCH_FANOUT ?? 100_000);
const ONLY = process.env.BENCH_ONLY;

interface Run {
  name: string;
  loop: LoopResult;
  /** Mean milliseconds per message in each stage, from the program's /metrics. */
  stages: Record<string, number> | null;
  /** CPU milliseconds per turn (warm-up included) by process. */
  cpu: Record<string, number | null>;
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
  return { engine: perSecond(() => advance(flows, session, env)), json: perSecond(() => JSON.parse(JSON.stringify(session))) };
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** Runs the closed loop, reading each process's CPU time before and after. */
async function measured(url: string, tag: string, processes: Record<string, () => number | null>): Promise<{ loop: LoopResult; cpu: Run['cpu'] }> {
  const before = Object.fromEntries(Object.entries(processes).map(([name, read]) => [name, read()]));
  const loop = await runClosedLoop(url, { residents: RESIDENTS, rounds: ROUNDS, tag });
  const turns = RESIDENTS * ROUNDS * REPORT_SCRIPT.length;
  const cpu = Object.fromEntries(
    Object.entries(processes).map(([name, read]) => {
      const start = before[name];
      const end = read();
      return [name, start === null || start === undefined || end === null ? null : ((end - start) * 1000) / turns];
    }),
  );
  return { loop, cpu };
}

async function floor(name: string): Promise<Run> {
  const env = testEnv();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/floor.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, REDIS_URL: env.vars.REDIS_URL, QUEUE_PREFIX: env.vars.QUEUE_PREFIX, INBOUND_PARTITIONS: PARTITIONS },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /floor: (\S+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      exited.then(() => reject(new Error(`floor exited early:\n${out}`)));
    });
    const redis = pidOf('redis-server');
    const { loop, cpu } = await measured(url, `floor${randomBytes(3).toString('hex')}`, { app: () => cpuSeconds(child.pid), redis: () => cpuSeconds(redis) });
    return { name, loop, stages: null, cpu };
  } finally {
    await stopProcess(child, exited);
    await env.cleanup();
  }
}

/** Mean milliseconds per message of each stage, read from the Prometheus text. */
function stageMeans(text: string): Record<string, number> {
  const value = (series: string, stage: string) => Number(new RegExp(`^${series}\\{stage="${stage}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return Object.fromEntries(STAGES.map((s) => [s, (1000 * value('mohalla_stage_seconds_sum', s)) / value('mohalla_stage_seconds_count', s)]));
}

/**
 * The web chat is what the bench drives (it is off by default in production); its abuse limits stay in the path
 * but are set above what 100 residents on one address in a closed loop send.
 */
const limits = { WEB_CHAT: 'true', WEB_CHAT_RATE_PER_MINUTE: '100000', WEB_CHAT_ADDRESS_RATE_PER_MINUTE: '1000000', FLOOD_BURST: '10000' };

async function program(name: string, overrides: Record<string, string>): Promise<Run> {
  const env = testEnv({ INBOUND_PARTITIONS: PARTITIONS, NODE_ENV: 'production', JOB_LOCK_SECONDS: '', OUTBOX_RELAY_SECONDS: '', ...limits, ...overrides });
  const app = spawnApp({ ...env.vars, LOG_LEVEL: 'info' });
  try {
    const url = await app.started;
    const redis = pidOf('redis-server');
    const database = embeddedServer(env.vars.DATA_DIR ?? '')?.pid;
    const { loop, cpu } = await measured(url, `bench${randomBytes(3).toString('hex')}`, {
      app: () => cpuSeconds(app.child.pid),
      ...(database ? { database: () => treeCpuSeconds(database) } : {}),
      redis: () => cpuSeconds(redis),
    });
    const stages = stageMeans(await (await fetch(`${url}/metrics`)).text());
    return { name, loop, stages, cpu };
  } finally {
    await stopProcess(app.child, app.exited);
    await env.cleanup();
  }
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const out = (line = '') => process.stdout.write(`${line}\n`);

async function conversationBench(): Promise<void> {
  const engine = engineRates();
  out(`engine turn (area answer) ${fmt(engine.engine)} /s, baseline JSON round trip of the session ${fmt(engine.json)} /s: ratio ${(engine.engine / engine.json).toFixed(3)}`);
  out();

  const runs: Run[] = [await floor('floor, before')];
  runs.push(await program('npm start (embedded database)', { DATABASE_URL: '', DATABASE_SCHEMA: '' }));
  if (process.env.BENCH_DATABASE_URL) {
    runs.push(await program('DATABASE_URL (PostgreSQL)', { DATABASE_URL: process.env.BENCH_DATABASE_URL, DATABASE_SCHEMA: `bench_${randomBytes(4).toString('hex')}` }));
  }
  runs.push(await floor('floor, after'));

  const floors = runs.filter((r) => r.stages === null);
  const rate = (r: Run) => r.loop.turns / r.loop.seconds;
  const p99 = (r: Run) => percentile(r.loop.latencies, 99);
  const baseRate = floors.reduce((sum, r) => sum + rate(r), 0) / floors.length;
  const baseP99 = floors.reduce((sum, r) => sum + p99(r), 0) / floors.length;

  out(`closed loop: ${RESIDENTS} web-chat residents, ${ROUNDS - 1} measured rounds of an ${REPORT_SCRIPT.length}-turn report each (after one round of warm-up);`);
  out('ratios against the mean of the two floor runs');
  out();
  out('| setup | turns/s | ratio to floor | p50 ms | p99 ms | p99 ratio |');
  out('|---|---|---|---|---|---|');
  for (const r of runs) {
    out(`| ${r.name} | ${fmt(rate(r))} | ${(rate(r) / baseRate).toFixed(2)} | ${fmt(percentile(r.loop.latencies, 50))} | ${fmt(p99(r))} | ${(p99(r) / baseP99).toFixed(1)} |`);
  }
  out();
  out('| setup | CPU ms per turn: program | database | Redis | stages, mean ms per message (from /metrics) |');
  out('|---|---|---|---|---|');
  for (const r of runs) {
    const stages = r.stages ? STAGES.filter((s) => !Number.isNaN(r.stages?.[s])).map((s) => `${s} ${fmt(r.stages?.[s], 1)}`).join(', ') : '—';
    out(`| ${r.name} | ${fmt(r.cpu.app, 2)} | ${fmt(r.cpu.database, 2)} | ${fmt(r.cpu.redis, 2)} | ${stages} |`);
  }
  out();

  const crashEnv = testEnv({ INBOUND_PARTITIONS: PARTITIONS, NODE_ENV: 'production', JOB_LOCK_SECONDS: '', OUTBOX_RELAY_SECONDS: '', DATABASE_URL: '', DATABASE_SCHEMA: '', ...limits });
  try {
    const crash = await crashMidReport(crashEnv.vars, CRASH_RESIDENTS);
    out(
      `recovery: ${CRASH_RESIDENTS} residents mid-report, program killed with SIGKILL right after their answers were accepted; ` +
        `last answer ${crash.secondsToLastAnswer.toFixed(1)} s after the restart (${crash.secondsAfterReady.toFixed(1)} s after it was ready); ` +
        `lost ${crash.lost}, answered twice ${crash.duplicated}, out of order ${crash.outOfOrder}`,
    );
  } finally {
    await crashEnv.cleanup();
  }
}


async function fanOutBench(): Promise<void> {
  const f = await benchFanOut(FANOUT, RESIDENTS, process.env.BENCH_DATABASE_URL, limits);
  const s = (ms: number) => (ms / 1000).toFixed(1);
  out(`fan-out: an alert to ${f.residents.toLocaleString('en')} subscribed residents (Telegram, three languages, Korangi and Malir, one in ten subscribed to both),`);
  out('sent by the program as npm start runs it, to a null sender in a process of its own; baseline: bare BullMQ addBulk of as many jobs');
  out('in batches of a thousand, and a worker with the same concurrency doing nothing with them');
  out();
  out('| fan-out | all queued s | all sent s | peak RSS MB |');
  out('|---|---|---|---|');
  out(`| program (fan-out) | ${s(f.queuedMs)} | ${s(f.sentMs)} | program ${fmt(f.programRssPeakMb)} (${fmt(f.programRssBeforeMb)} before the alert), sender ${fmt(f.senderRssPeakMb)} |`);
  out(`| bare addBulk + no-op worker | ${s(f.bare.queuedMs)} | ${s(f.bare.sentMs)} | ${fmt(f.bare.rssPeakMb)} |`);
  out(`| ratio | ${(f.queuedMs / f.bare.queuedMs).toFixed(1)} | ${(f.sentMs / f.bare.sentMs).toFixed(1)} | ${(f.programRssPeakMb / f.bare.rssPeakMb).toFixed(1)} |`);
  out();
  out(`conversation p99 at rest ${fmt(f.p99RestMs)} ms, while the alert went out ${fmt(f.p99DuringMs)} ms (${f.turnsDuring} turns): ratio ${(f.p99DuringMs / f.p99RestMs).toFixed(1)}`);
}

if (ONLY !== 'fanout') await conversationBench();
if (ONLY !== 'conversation') await fanOutBench();
