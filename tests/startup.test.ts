import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from './helpers/env.ts';
import { spawnApp } from './helpers/process.ts';

test('with Redis down the program says so in one line and exits non-zero', async (t) => {
  const env = testEnv({ REDIS_URL: 'redis://127.0.0.1:1' });
  t.after(() => env.cleanup());
  const app = spawnApp(env.vars);
  const code = await app.exited;
  assert.notEqual(code, 0);
  const lines = app.output().trim().split('\n');
  assert.equal(lines.length, 1, app.output());
  assert.match(lines[0] ?? '', /^mohalla: Redis is not reachable at redis:\/\/127\.0\.0\.1:1\/? \(ECONNREFUSED\): start Redis or set REDIS_URL$/);
});

test('a bad setting stops the start with one line naming it', async (t) => {
  const env = testEnv({ PORT: 'eighty' });
  t.after(() => env.cleanup());
  const app = spawnApp(env.vars);
  assert.notEqual(await app.exited, 0);
  assert.equal(app.output().trim(), 'mohalla: Invalid configuration: PORT="eighty" must be a whole number between 0 and 65535');
});

test('SIGTERM stops the program cleanly, even with a web chat page open', async (t) => {
  const env = testEnv();
  t.after(() => env.cleanup());
  const app = spawnApp(env.vars);
  const url = await app.started;
  assert.equal((await fetch(`${url}/readyz`)).status, 200);
  // An open page holds an event stream that never ends by itself.
  const stream = await fetch(`${url}/chat/api/stream?resident=open-page-1`);
  assert.equal(stream.status, 200);
  app.child.kill('SIGTERM');
  assert.equal(await app.exited, 0, app.output());
  assert.match(app.output(), /"msg":"stopped"/);
});
