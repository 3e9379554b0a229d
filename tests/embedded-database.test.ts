import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { embeddedServer } from '../src/store/embedded.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { testEnv } from './helpers/env.ts';
import { spawnApp } from './helpers/process.ts';

// These tests are about the embedded server itself: no DATABASE_URL, whatever the run's database.
const embedded = { DATABASE_URL: '', DATABASE_SCHEMA: '' };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
  return !alive(pid);
}

/** The JSON log lines of a process with the given message. */
function logged(output: string, msg: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === msg);
}

test('two processes of one data folder share the embedded server; the last one to stop stops it', async (t) => {
  const env = testEnv(embedded);
  t.after(() => env.cleanup());
  const first = spawnApp(env.vars);
  t.after(() => first.child.kill('SIGKILL'));
  const firstUrl = await first.started;
  const server = embeddedServer(env.vars.DATA_DIR ?? '');
  assert.ok(server && alive(server.pid), 'the first process started a server');

  // The second one serves HTTP on its own port and uses the same database server.
  const second = spawnApp({ ...env.vars, PORT: '0' });
  t.after(() => second.child.kill('SIGKILL'));
  const secondUrl = await second.started;
  assert.equal(logged(second.output(), 'embedded database created').length, 0);
  assert.deepEqual(
    logged(second.output(), 'embedded database running').map((e) => e.port),
    [server.port],
    'the second process uses the running server',
  );
  assert.equal(embeddedServer(env.vars.DATA_DIR ?? '')?.pid, server.pid);

  const chat = new ChatClient(firstUrl, 'shared-server-resident');
  await chat.say({ start: '' });
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, first.output());
  assert.equal(logged(first.output(), 'embedded database left running: other processes of this data folder use it').length, 1);
  assert.ok(alive(server.pid), 'the server outlives the first process');

  // The conversation goes on through the second process, on the same data.
  chat.baseUrl = secondUrl;
  const welcome = await chat.say({ choice: 'en' });
  assert.match(welcome.text, /Welcome to Mohalla/);

  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0, second.output());
  assert.equal(logged(second.output(), 'embedded database stopped').length, 1);
  assert.ok(await gone(server.pid), 'the last process stopped the server');
});

test('after the program and its database server were killed with SIGKILL, a restart recovers the data', async (t) => {
  const env = testEnv(embedded);
  t.after(() => env.cleanup());
  const first = spawnApp(env.vars);
  t.after(() => first.child.kill('SIGKILL'));
  const chat = new ChatClient(await first.started, 'stale-lock-resident');
  await chat.say({ start: '' });
  await chat.say({ choice: 'en' });
  const server = embeddedServer(env.vars.DATA_DIR ?? '');
  assert.ok(server);
  first.child.kill('SIGKILL');
  process.kill(server.pid, 'SIGKILL');
  await first.exited;
  assert.ok(await gone(server.pid));
  assert.equal(embeddedServer(env.vars.DATA_DIR ?? '')?.pid, server.pid, 'the killed server left its lock file');

  const second = spawnApp(env.vars);
  t.after(() => second.child.kill('SIGKILL'));
  chat.baseUrl = await second.started;
  assert.equal(logged(second.output(), 'embedded database was not shut down cleanly; it recovers on start').length, 1, second.output());
  assert.equal((await chat.all()).length, 2, 'what was stored before the kill is still there');
  assert.match((await chat.say({ text: 'help' })).text, /menu or 0/);
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
});

test('a port another program holds stops the start with one line', async (t) => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.after(() => holder.close());
  const port = (holder.address() as { port: number }).port;
  const env = testEnv({ ...embedded, EMBEDDED_DATABASE_PORT: String(port) });
  t.after(() => env.cleanup());
  const app = spawnApp(env.vars);
  assert.equal(await app.exited, 1);
  // The database was created first (an ordinary log line); the failure to start it is one line of its own.
  const lines = app.output().trim().split('\n').filter((line) => !line.startsWith('{'));
  assert.equal(lines.length, 1, app.output());
  assert.equal(
    lines[0],
    `mohalla: the embedded database cannot listen on 127.0.0.1:${port}: another program uses that port; choose a free one in EMBEDDED_DATABASE_PORT, or leave it unset`,
  );
});

test('a data folder of another PostgreSQL version stops the start with one line', async (t) => {
  const env = testEnv(embedded);
  t.after(() => env.cleanup());
  const folder = join(env.vars.DATA_DIR ?? '', 'postgres');
  mkdirSync(folder);
  writeFileSync(join(folder, 'PG_VERSION'), '17\n');
  const app = spawnApp(env.vars);
  assert.equal(await app.exited, 1);
  const lines = app.output().trim().split('\n');
  assert.equal(lines.length, 1, app.output());
  assert.match(lines[0] ?? '', /^mohalla: \S+\/postgres holds a PostgreSQL 17 database, but the embedded server is PostgreSQL 18: move the data with pg_dumpall/);
});

test('a SECRET_KEY other than the one the database was created with stops the start with one line', async (t) => {
  const env = testEnv(embedded);
  t.after(() => env.cleanup());
  const first = spawnApp(env.vars);
  await first.started;
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0);
  const other = spawnApp({ ...env.vars, SECRET_KEY: Buffer.alloc(32, 9).toString('base64') });
  assert.equal(await other.exited, 1);
  const lines = other.output().trim().split('\n');
  assert.equal(lines.length, 1, other.output());
  assert.match(lines[0] ?? '', /^mohalla: the embedded database in \S+ refused the password derived from SECRET_KEY: it was created with another SECRET_KEY$/);
});
