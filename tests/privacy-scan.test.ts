import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import type { App } from '../src/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { REDIS_URL, testEnv } from './helpers/env.ts';
import { FAKE_TOKEN, FakeTelegram, JPEG, privateChat } from './helpers/fake-telegram.ts';
import { launcher } from './helpers/launch.ts';

const REFERENCE = /KHI-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const HOUR = 3_600_000;

/** What could tie an anonymous report to the one who sent it. */
interface Trail {
  label: string;
  /** The chat id or web chat id, as the platform knows it. */
  address: string;
  addressHash: string;
  residentId: string;
  reference: string;
  pin: string;
  reportId: string;
  description: string;
}

async function webReport(url: string, resident: string): Promise<{ reference: string; pin: string; description: string }> {
  const chat = new ChatClient(url, resident);
  const description = 'a man in a grey shalwar kameez took my purse near the stop';
  for (const turn of [{ start: '' }, { choice: 'en' }, { choice: 'report' }, { text: '1' }, { text: 'Korangi' }, { choice: 'skip' }, { choice: 'today' }, { text: description }, { choice: 'skip' }, { text: 'yes' }]) {
    await chat.say(turn);
  }
  const receipt = (await chat.say({ choice: 'submit' })).text;
  const reference = REFERENCE.exec(receipt)?.[0] ?? '';
  const pin = /^(\d{6})$/m.exec(receipt)?.[1] ?? '';
  // Checking it later, with the PIN, leaves no trail either.
  await chat.say({ text: 'menu' });
  await chat.say({ choice: 'status' });
  await chat.say({ text: reference });
  assert.ok((await chat.say({ text: pin })).text.includes(reference));
  return { reference, pin, description };
}

async function telegramReport(fake: FakeTelegram, chatId: number): Promise<{ reference: string; pin: string; description: string }> {
  const chat = privateChat(chatId);
  const { say } = fake.replies(chatId);
  const description = 'two boys on a black bike snatched my phone outside the bakery';
  fake.addFile('privacy-photo', JPEG);
  for (const update of [chat.command('/start'), chat.press('c:en'), chat.press('c:report'), chat.press('c:mobile-snatching'), chat.text('Korangi')]) await say(update);
  await say(chat.location(24.8328, 67.1366));
  await say(chat.press('c:just-now'));
  await say(chat.text(description));
  await say(chat.photo('privacy-photo', JPEG.length));
  await say(chat.press('c:yes'));
  const receipt = await say(chat.press('c:submit'));
  const reference = REFERENCE.exec(receipt)?.[0] ?? '';
  const pin = /^(\d{6})$/m.exec(receipt)?.[1] ?? '';
  await say(chat.command('/menu'));
  await say(chat.press('c:status'));
  await say(chat.text(reference));
  assert.ok((await say(chat.text(pin))).includes(reference));
  return { reference, pin, description };
}

async function trailOf(app: App, label: string, platform: string, address: string, report: { reference: string; pin: string; description: string }): Promise<Trail> {
  const addressHash = app.secrets.hashAddress(platform, address);
  const [resident] = await app.db.query<{ id: string }>('select id from residents where address_hash = $1', [addressHash]);
  const [row] = await app.db.query<{ id: string }>('select id from reports where reference = $1 and anonymous and resident_id is null', [report.reference]);
  assert.ok(resident && row && report.reference && report.pin, `${label}: an anonymous report was filed`);
  return { label, address, addressHash, residentId: resident.id, reportId: row.id, ...report };
}

/** Every row of every table, as text, by table. */
async function tables(app: App): Promise<Map<string, string[]>> {
  const names = await app.db.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
  );
  const out = new Map<string, string[]>();
  for (const { name } of names) out.set(name, (await app.db.query<{ row: string }>(`select to_jsonb(t)::text as row from "${name}" t`)).map((r) => r.row));
  return out;
}

/** Every key under the prefix, with all it holds, as text. */
async function redisDump(prefix: string): Promise<Map<string, string>> {
  const redis = new Redis(REDIS_URL);
  const out = new Map<string, string>();
  try {
    for (const key of await redis.keys(`${prefix}:*`)) {
      const type = await redis.type(key);
      const value =
        type === 'string' ? await redis.get(key)
        : type === 'hash' ? await redis.hgetall(key)
        : type === 'list' ? await redis.lrange(key, 0, -1)
        : type === 'set' ? await redis.smembers(key)
        : type === 'zset' ? await redis.zrange(key, '0', '-1', 'WITHSCORES')
        : type === 'stream' ? await redis.xrange(key, '-', '+')
        : null;
      out.set(key, JSON.stringify(value));
    }
  } finally {
    await redis.quit();
  }
  return out;
}

/** Every file of the data folder but the embedded database's own (read through its tables above). */
function files(dir: string, root = dir): { path: string; bytes: Buffer; mtime: Date }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return relative(root, path) === 'postgres' ? [] : files(path, root);
    return [{ path: relative(root, path), bytes: readFileSync(path), mtime: statSync(path).mtime }];
  });
}

test('a copy of the database, Redis, the data folder and the logs ties no anonymous report to its sender', async (t) => {
  const fake = new FakeTelegram();
  const apiRoot = await fake.start();
  const env = testEnv({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_MODE: 'polling', TELEGRAM_CHAT_INTERVAL_MS: '20' });
  const { launch, logs } = launcher(t, env.vars, 'trace', async () => {
    await fake.stop();
    await env.cleanup();
  });
  const app = await launch();
  const url = app.url ?? '';

  const trails = [
    await trailOf(app, 'web chat', 'web', 'privacy-web-resident-1', await webReport(url, 'privacy-web-resident-1')),
    await trailOf(app, 'Telegram', 'telegram', '734200191', await telegramReport(fake, 734200191)),
  ];
  // Whatever is still to send is sent, and a sweep has run.
  await app.relay?.sweep();

  const db = await tables(app);
  const redis = await redisDump(env.vars.QUEUE_PREFIX ?? '');
  const folder = files(env.vars.DATA_DIR ?? '');
  const log = logs();

  for (const trail of trails) {
    // Where each piece may be found, and nowhere else.
    const allowed: [string, string, string[]][] = [
      ['address', trail.address, []],
      ['PIN', trail.pin, []],
      ['address hash', trail.addressHash, ['residents']],
      ['resident id', trail.residentId, ['residents', 'sessions', 'web_messages']],
      ['reference', trail.reference, ['reports']],
      ['report id', trail.reportId, ['reports', 'report_events']],
      ['description', trail.description, ['reports']],
    ];
    for (const [what, value, tablesAllowed] of allowed) {
      for (const [table, rows] of db) {
        if (tablesAllowed.includes(table)) continue;
        assert.ok(!rows.some((row) => row.includes(value)), `${trail.label}: the ${what} is in table ${table}`);
      }
      for (const [key, value_] of redis) assert.ok(!`${key} ${value_}`.includes(value), `${trail.label}: the ${what} is in Redis under ${key}`);
      for (const file of folder) assert.ok(!file.bytes.includes(value), `${trail.label}: the ${what} is in ${file.path}`);
      assert.ok(!log.includes(value), `${trail.label}: the ${what} is in the log`);
    }
    // The resident's own rows, and the web chat's transcript, say nothing of the report.
    for (const table of ['residents', 'sessions', 'web_messages']) {
      for (const row of (db.get(table) ?? []).filter((r) => r.includes(trail.residentId))) {
        for (const value of [trail.reference, trail.reportId, trail.description]) assert.ok(!row.includes(value), `${trail.label}: ${table} ties the resident to the report`);
      }
    }
    // No time finer than the hour belongs to the report.
    const [report] = await app.db.query<{ created: Date; updated: Date }>('select created_at as created, updated_at as updated from reports where id = $1', [trail.reportId]);
    const events = await app.db.query<{ at: Date }>('select created_at as at from report_events where report_id = $1', [trail.reportId]);
    for (const at of [report?.created, report?.updated, ...events.map((e) => e.at)]) assert.equal((at?.getTime() ?? 1) % HOUR, 0, `${trail.label}: a time of the report is not a whole hour`);
  }
  const photos = folder.filter((f) => f.path.startsWith('media'));
  assert.equal(photos.length, 1, 'the Telegram report’s photo was stored');
  assert.equal((photos[0]?.mtime.getTime() ?? 1) % HOUR, 0, 'the photo file keeps only the hour');
});
