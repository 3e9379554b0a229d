import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';
import { buildServer, type ServerOptions } from '../src/http/server.ts';
import { createLogger } from '../src/log.ts';

const log = createLogger({ level: 'silent', pretty: false });

test('/readyz names the check that failed or timed out, and nothing of its error', { timeout: 20_000 }, async (t) => {
  const app = await buildServer({
    log,
    health: {
      checks: {
        redis: async () => 'PONG',
        database: async () => {
          throw new Error('password authentication failed for user "mohalla" at 10.1.2.3:5432');
        },
        queue: () => new Promise(() => {}),
      },
      timeoutMs: 300,
    },
  });
  t.after(() => app.close());
  const response = await app.inject('/readyz');
  assert.equal(response.statusCode, 503);
  assert.deepEqual(response.json(), { ok: false, checks: { redis: 'ok', database: 'failed', queue: 'timed out' } });

  const healthy = await buildServer({ log, health: { checks: { redis: async () => 'PONG' } } });
  t.after(() => healthy.close());
  assert.deepEqual((await healthy.inject('/readyz')).json(), { ok: true, checks: { redis: 'ok' } });
});

test('the client address comes from X-Forwarded-For only when TRUST_PROXY says to trust the proxy', async (t) => {
  const addressWith = async (trustProxy: ServerOptions['trustProxy']) => {
    const app = await buildServer({ log, health: { checks: {} }, trustProxy });
    app.get('/address', async (request) => ({ ip: request.ip, protocol: request.protocol }));
    t.after(() => app.close());
    const response = await app.inject({ url: '/address', headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' } });
    return response.json() as { ip: string; protocol: string };
  };
  assert.deepEqual(await addressWith(undefined), { ip: '127.0.0.1', protocol: 'http' }, 'off by default');
  assert.deepEqual(await addressWith(loadConfig({}).TRUST_PROXY), { ip: '127.0.0.1', protocol: 'http' });
  assert.deepEqual(await addressWith(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY), { ip: '203.0.113.9', protocol: 'https' });
  assert.deepEqual(await addressWith(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).TRUST_PROXY), { ip: '203.0.113.9', protocol: 'https' });
  assert.deepEqual(await addressWith(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY), { ip: '203.0.113.9', protocol: 'https' });
  assert.deepEqual(await addressWith(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).TRUST_PROXY), { ip: '127.0.0.1', protocol: 'http' }, 'a proxy not listed');
  assert.deepEqual(await addressWith(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY), { ip: '127.0.0.1', protocol: 'http' });
});

test('a TRUST_PROXY that is neither true, false nor a list of addresses stops the start with one line', () => {
  for (const value of ['maybe', '10.0.0.0/33', '10.0.0.1, proxy.example.org', '1', '2']) {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: value }),
      (error: unknown) => error instanceof ConfigError && /^Invalid configuration: TRUST_PROXY=".*" must be true, false, or the addresses and networks of the proxies/.test(error.message),
      value,
    );
  }
});
