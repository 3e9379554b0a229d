/**
 * `npm run bench`: what a turn of conversation costs, printed as ratios against baselines measured in the same
 * run on the same machine (machines here are shared and noisy).
 *
 * - conversation: residents in a closed loop over the web chat (post a message, read the reply from the event
 *   stream, answer), against the floor: the same HTTP contract through two bare BullMQ hops (bench/floor.ts).
 *   The program runs as `npm start` runs it, in its own process: with the embedded database, and again with
 *   PostgreSQL at BENCH_DATABASE_URL when set.
 * - engine: one turn of the pure engine, against a JSON round trip of the same session (what storing it costs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent } from '../src/app.ts';
import { advance, newSession } from '../src/engine/engine.ts';
import { ROOT } from '../src/paths.ts';
import { spawnApp } from '../tests/helpers/process.ts';
import { testEnv } from '../tests/helpers/env.ts';
import { type LoopResult, percentile, runClosedLoop } from './closed-loop.ts';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 3));
const PARTITIONS = '16';

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

async function floor(vars: Record<string, string>): Promise<LoopResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/floor.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, REDIS_URL: vars.REDIS_URL, QUEUE_PREFIX: vars.QUEUE_PREFIX, INBOUND_PARTITIONS: PARTITIONS },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /floor: (\S+)/.exec(out)?.[1];
      if (found) resolve(found);
    });
    exited.then(() => reject(new Error(`floor exited early:\n${out}`)));
  });
  try {
    return await runClosedLoop(url, { residents: RESIDENTS, rounds: ROUNDS, tag: 'floor' });
  } finally {
    await stopProcess(child, exited);
  }
}

async function program(vars: Record<string, string>): Promise<LoopResult> {
  const app = spawnApp({ ...vars, LOG_LEVEL: 'info' });
  const url = await app.started;
  try {
    return await runClosedLoop(url, { residents: RESIDENTS, rounds: ROUNDS, tag: 'bench' });
  } finally {
    await stopProcess(app.child, app.exited);
  }
}

const fmt = (n: number, width = 8, digits = 0) => n.toFixed(digits).padStart(width);

const engine = engineRates();
process.stdout.write(`engine turn (area answer) ${fmt(engine.engine)} /s   baseline JSON round trip ${fmt(engine.json)} /s   ratio ${(engine.engine / engine.json).toFixed(3)}\n\n`);

const setups: { name: string; overrides: Record<string, string> }[] = [{ name: 'npm start (embedded database)', overrides: { DATABASE_URL: '' } }];
if (process.env.BENCH_DATABASE_URL) {
  setups.push({ name: 'DATABASE_URL (PostgreSQL)', overrides: { DATABASE_URL: process.env.BENCH_DATABASE_URL, DATABASE_SCHEMA: `bench_${randomBytes(4).toString('hex')}` } });
}

const env = testEnv({ INBOUND_PARTITIONS: PARTITIONS, NODE_ENV: 'production', DATABASE_URL: '', DATABASE_SCHEMA: '' });
try {
  const base = await floor(env.vars);
  const rows: [string, LoopResult][] = [['floor (HTTP + two bare BullMQ hops)', base]];
  for (const setup of setups) {
    const setupEnv = testEnv({ INBOUND_PARTITIONS: PARTITIONS, NODE_ENV: 'production', ...setup.overrides });
    try {
      rows.push([setup.name, await program({ ...setupEnv.vars })]);
    } finally {
      await setupEnv.cleanup();
    }
  }
  const baseRate = base.turns / base.seconds;
  const baseP99 = percentile(base.latencies, 99);
  process.stdout.write(`closed loop: ${RESIDENTS} web-chat residents, ${ROUNDS - 1} measured rounds of an ${11}-turn report each\n`);
  process.stdout.write('| setup | turns/s | ratio to floor | p50 ms | p99 ms | p99 ratio |\n|---|---|---|---|---|---|\n');
  for (const [name, r] of rows) {
    const rate = r.turns / r.seconds;
    const p99 = percentile(r.latencies, 99);
    process.stdout.write(
      `| ${name} | ${rate.toFixed(0)} | ${(rate / baseRate).toFixed(2)} | ${percentile(r.latencies, 50).toFixed(0)} | ${p99.toFixed(0)} | ${(p99 / baseP99).toFixed(1)} |\n`,
    );
  }
} finally {
  await env.cleanup();
}
