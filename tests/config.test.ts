import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConfigError, loadConfig, SETTING_NAMES } from '../src/config.ts';

test('defaults need no settings at all', () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 3000);
  assert.equal(config.REDIS_URL, 'redis://127.0.0.1:6379');
  assert.equal(config.QUEUE_PREFIX, 'mohalla');
  assert.equal(config.DATABASE_URL, undefined);
  assert.ok(config.DATA_DIR.endsWith('/var'));
});

test('a bad value stops the start with one line naming the variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /^Invalid configuration: PORT="abc" must be a whole number between 0 and 65535$/],
    [{ PORT: '70000' }, /PORT="70000" must be at most 65535/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL=\(hidden\) must be a URL starting with redis:\/\/ or rediss:\/\//],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL=\(hidden\) must be a URL starting with postgres:/],
    [{ QUEUE_PREFIX: 'a:b' }, /QUEUE_PREFIX="a:b" must be letters, digits, - or _/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" must be one of fatal, error/],
    [{ WEB_CHAT: 'maybe' }, /WEB_CHAT="maybe" must be true or false/],
    [{ SECRET_KEY: 'short' }, /SECRET_KEY=\(hidden\) must be 32 bytes/],
    [{ INBOUND_PARTITIONS: '0' }, /INBOUND_PARTITIONS="0" must be at least 1/],
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, /TELEGRAM_BOT_TOKEN=\(hidden\) must look like 123456:ABC-DEF/],
    [{ TELEGRAM_MODE: 'carrier-pigeon' }, /TELEGRAM_MODE="carrier-pigeon" must be polling or webhook/],
    [{ TELEGRAM_API_ROOT: 'api.telegram.org' }, /TELEGRAM_API_ROOT="api.telegram.org" must be a URL/],
  ];
  for (const [env, expected] of cases) {
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && expected.test(error.message) && !error.message.includes('\n'), JSON.stringify(env));
  }
});

test('an empty variable counts as unset', () => {
  assert.equal(loadConfig({ PORT: '', LOG_LEVEL: '' }).PORT, 3000);
});

test('Telegram polls without a public address and takes webhooks with one', () => {
  assert.equal(loadConfig({}).TELEGRAM_MODE, 'polling');
  assert.equal(loadConfig({ PUBLIC_URL: 'https://mohalla.example.org' }).TELEGRAM_MODE, 'webhook');
  assert.equal(loadConfig({ PUBLIC_URL: 'https://mohalla.example.org', TELEGRAM_MODE: 'polling' }).TELEGRAM_MODE, 'polling');
  assert.equal(loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' }).TELEGRAM_API_ROOT, 'http://127.0.0.1:8081');
});

test('every setting is explained in .env.example and in the README', () => {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.ok(SETTING_NAMES.length > 20);
  for (const name of SETTING_NAMES) {
    assert.match(example, new RegExp(`^#? ?${name}=`, 'm'), `${name} is missing from .env.example`);
    // The fake WhatsApp socket is for the test suite only and stays out of the operators' table.
    if (name !== 'WHATSAPP_TEST_SOCKET') assert.match(readme, new RegExp(`^\\| \`${name}\` \\|`, 'm'), `${name} is missing from the README's settings table`);
  }
});

test('the web chat is on by default, except in production, where it must be turned on', () => {
  assert.equal(loadConfig({}).WEB_CHAT, true);
  assert.equal(loadConfig({ NODE_ENV: 'production' }).WEB_CHAT, false);
  assert.equal(loadConfig({ NODE_ENV: 'production', WEB_CHAT: 'true' }).WEB_CHAT, true);
  assert.equal(loadConfig({ WEB_CHAT: 'false' }).WEB_CHAT, false);
});
