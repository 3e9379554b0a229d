import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createLogger } from '../src/log.ts';
import { freePort } from '../src/net.ts';
import { startEmbeddedDatabase } from '../src/store/embedded.ts';
import { ChatClient, type ChatMessage } from './helpers/chat-client.ts';
import { testEnv } from './helpers/env.ts';
import { launcher } from './helpers/launch.ts';
import { followsReport, REPORT_SCRIPT } from './helpers/report-script.ts';

const RESIDENTS = 6;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mohalla-outage-'));
  // As root, the database server runs as "postgres", which must reach its folder.
  chmodSync(dir, 0o755);
  return dir;
}

/** Every message a resident received so far, read again until the program answers (it may be refusing). */
async function transcript(chat: ChatClient): Promise<ChatMessage[]> {
  for (;;) {
    try {
      return await chat.all();
    } catch {
      await sleep(200);
    }
  }
}

/** Waits until every resident has had `count` replies; returns the transcripts once nothing more comes. */
async function answered(clients: ChatClient[], count: number, settleMs = 3000): Promise<ChatMessage[][]> {
  const deadline = Date.now() + 120_000;
  let all = await Promise.all(clients.map(transcript));
  while (all.some((t) => t.length < count) && Date.now() < deadline) {
    await sleep(300);
    all = await Promise.all(clients.map(transcript));
  }
  // A duplicate, if any, would come a little later.
  await sleep(settleMs);
  return Promise.all(clients.map(transcript));
}

/**
 * Posts a resident's messages one after another without waiting for replies. A 503, or a request that got no
 * answer, is tried again with the same id, as the API asks: it may have been accepted before the answer was lost.
 */
async function burst(chat: ChatClient, turns: Record<string, unknown>[]): Promise<void> {
  for (const [i, turn] of turns.entries()) {
    for (;;) {
      const response = await chat.post({ ...turn, id: `burst-${i}` }).catch(() => null);
      if (response?.status === 202) break;
      assert.ok(!response || response.status === 503, `a message was refused with ${response?.status}`);
      await sleep(250);
    }
  }
}

test('the database stopped for 30 s in the middle of a burst: every message is answered once, in order', async (t) => {
  const dir = folder();
  const log = createLogger({ level: 'silent', pretty: false });
  const port = await freePort();
  let database = await startEmbeddedDatabase({ dataDir: dir, password: 'outage-test', port, log });
  const env = testEnv({ DATABASE_URL: database.url, DATABASE_SCHEMA: '' });
  const { launch } = launcher(t, env.vars, 'silent', async () => {
    await database.release();
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  const app = await launch();
  const clients = Array.from({ length: RESIDENTS }, (_, i) => new ChatClient(app.url ?? '', `outage-db-resident-${i}`));

  const sending = Promise.all(clients.map((c) => burst(c, REPORT_SCRIPT)));
  // Once the first answers are out, the database goes away for half a minute, with the rest still coming in.
  while ((await Promise.all(clients.map((c) => c.all().catch(() => [])))).every((m) => m.length < 3)) await sleep(50);
  await database.release();
  assert.equal((await fetch(`${app.url}/readyz`)).status, 503, 'not ready while the database is away');
  await sleep(30_000);
  database = await startEmbeddedDatabase({ dataDir: dir, password: 'outage-test', port, log });
  await sending;

  const transcripts = await answered(clients, REPORT_SCRIPT.length);
  for (const [i, t] of transcripts.entries()) {
    assert.ok(followsReport(t.map((m) => m.text)), `resident ${i}: one answer per message, in order:\n${t.map((m) => m.text.split('\n')[0]).join('\n')}`);
  }
});

function redisServer(port: number, dir: string): { child: ChildProcess; exited: Promise<unknown> } {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], {
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function redisUp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    const ok = await probe.connect().then(
      () => probe.ping(),
      () => null,
    );
    probe.disconnect();
    if (ok === 'PONG') return;
    await sleep(100);
  }
  throw new Error('redis did not start');
}

test('Redis with its append-only file restarted in the middle of a burst: nothing accepted is lost', async (t) => {
  const dir = folder();
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let redis = redisServer(port, dir);
  await redisUp(url);
  const env = testEnv({ REDIS_URL: url });
  const { launch, logs } = launcher(t, env.vars, process.env.OUTAGE_LOG ? 'debug' : 'silent', async () => {
    if (process.env.OUTAGE_LOG) (await import('node:fs')).writeFileSync(process.env.OUTAGE_LOG, logs());
    await env.cleanup().catch(() => {});
    redis.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const app = await launch();
  const clients = Array.from({ length: RESIDENTS }, (_, i) => new ChatClient(app.url ?? '', `outage-redis-resident-${i}`));

  const sending = Promise.all(clients.map((c) => burst(c, REPORT_SCRIPT)));
  while ((await Promise.all(clients.map((c) => c.all()))).every((m) => m.length < 3)) await sleep(50);
  // Stopped as an operator (or the container runtime) stops it, then started again on the same files.
  redis.child.kill('SIGTERM');
  await redis.exited;
  await sleep(2000);
  redis = redisServer(port, dir);
  await redisUp(url);
  await sending;

  const transcripts = await answered(clients, REPORT_SCRIPT.length);
  for (const [i, t] of transcripts.entries()) {
    assert.ok(followsReport(t.map((m) => m.text)), `resident ${i}: one answer per message, in order:\n${t.map((m) => m.text.split('\n')[0]).join('\n')}`);
  }
});
