import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from './helpers/env.ts';
import { launcher } from './helpers/launch.ts';

test('in production the web chat is off unless turned on, and the log says so', async (t) => {
  const env = testEnv({ NODE_ENV: 'production' });
  const { launch, logs } = launcher(t, env.vars, 'info', env.cleanup);
  const app = await launch();
  assert.equal((await fetch(`${app.url}/chat/`)).status, 404);
  const post = await fetch(`${app.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resident":"prod-resident-1","text":"salam"}' });
  assert.equal(post.status, 404);
  assert.match(logs(), /web chat: disabled \(off by default in production; set WEB_CHAT=true to enable\)/);
});
