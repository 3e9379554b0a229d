import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { LANGUAGES } from '../src/engine/types.ts';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { startTestApp } from './helpers/app.ts';
import { type ChatMessage, ChatClient } from './helpers/chat-client.ts';
import { privateChat } from './helpers/fake-telegram.ts';
import { startOnFakeTelegram } from './helpers/telegram-app.ts';
import { answersFollow, followsReport, REPORT_SCRIPT, REPORT_TURNS } from './helpers/report-script.ts';

/**
 * Floods: one resident sending far faster than anyone types, many residents at once, many event streams. The
 * memory of the process (which runs the whole program: HTTP, workers, PIN hashing) is printed before and after.
 */

const catalog = loadCatalog(join(ROOT, 'locales'));
const NOTICE = catalog.format('en', 'flood-slow-down');
const MB = 1024 * 1024;

function memory(t: TestContext, label: string, before: number): void {
  const after = process.memoryUsage().rss;
  const line = `${label}: RSS ${Math.round(before / MB)} MB before, ${Math.round(after / MB)} MB after (${after >= before ? '+' : ''}${Math.round((after - before) / MB)} MB)`;
  t.diagnostic(line);
}

/** Waits until the resident has `count` replies (and a little longer, for any extra one), and returns them. */
async function replies(chat: ChatClient, count: number): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  let cursor = '0';
  const read = async () => {
    for (;;) {
      const page = await chat.fetchAfter(cursor);
      all.push(...page.messages);
      cursor = page.cursor;
      if (page.messages.length === 0) return;
    }
  };
  for (let i = 0; i < 240 && all.length < count; i++) {
    await read();
    if (all.length < count) await sleep(250);
  }
  await sleep(500);
  await read();
  return all;
}

const ANONYMOUS_REPORT = REPORT_SCRIPT.map((turn) => (turn.text === 'no' ? { text: 'yes' } : turn));

test('one resident flooding: every message answered, in order, with one notice to slow down', async (t) => {
  // Past 4 messages, one every 375 ms: 31 messages sent within 10 s of each other are a flood (a loaded machine
  // sends them in a few seconds).
  const { url } = await startTestApp(t, { FLOOD_BURST: '4', FLOOD_RATE_PER_MINUTE: '160' });
  const before = process.memoryUsage().rss;
  const chat = new ChatClient(url, 'flooding-resident-1');
  // Three reports, 31 messages, sent without waiting for any answer.
  const again = [{ start: '' }, ...REPORT_SCRIPT.slice(2)];
  const script = [...REPORT_SCRIPT, ...again, ...again];
  for (const turn of script) await chat.send(turn);

  const received = await replies(chat, script.length + 1);
  memory(t, `one resident, ${script.length} messages`, before);
  const texts = received.map((m) => m.text);
  assert.equal(texts.filter((text) => text === NOTICE).length, 1, 'one notice to slow down');
  const answers = texts.filter((text) => text !== NOTICE);
  assert.equal(answers.length, script.length, 'every message answered once');
  assert.ok(followsReport(answers.slice(0, 11)), 'the first report answered in order');
  // A resident who has reported before starts at the menu.
  const againKeys = ['menu-prompt', ...REPORT_TURNS.slice(2).map((turn) => turn.answer)];
  assert.ok(answersFollow(answers.slice(11, 21), againKeys), 'the second report answered in order');
  assert.ok(answersFollow(answers.slice(21), againKeys), 'the third report answered in order');
});

test('many residents flooding at once, some reporting anonymously: each answered in order, each told once', async (t) => {
  const RESIDENTS = 20;
  // Past 4 messages, one every 1.9 s: 12 messages of one resident sent within 15 s are a flood.
  const { url } = await startTestApp(t, { FLOOD_BURST: '4', FLOOD_RATE_PER_MINUTE: '32', ARGON2_CONCURRENCY: '2' });
  const before = process.memoryUsage().rss;
  const extra = [{ text: 'help' }];
  const script = [...REPORT_SCRIPT, ...extra];
  // Every fourth resident reports anonymously: their PINs are hashed (argon2, 64 MiB each) at the same time.
  const anonymous = (i: number) => i % 4 === 0;
  const scriptOf = (i: number) => (anonymous(i) ? [...ANONYMOUS_REPORT, ...extra] : script);
  const clients = Array.from({ length: RESIDENTS }, (_, i) => new ChatClient(url, `many-flooding-${i}`));
  await Promise.all(clients.map(async (c, i) => {
    for (const turn of scriptOf(i)) await c.send(turn);
  }));
  const all = await Promise.all(clients.map((c) => replies(c, script.length + 1)));
  memory(t, `${RESIDENTS} residents, ${RESIDENTS * script.length} messages, ${RESIDENTS / 4} anonymous reports`, before);
  for (const [i, received] of all.entries()) {
    const texts = received.map((m) => m.text);
    assert.equal(texts.filter((text) => text === NOTICE).length, 1, 'one notice each');
    const answers = texts.filter((text) => text !== NOTICE);
    assert.equal(answers.length, script.length, 'every message answered once');
    assert.ok(answersFollow(answers.slice(0, 11), [...REPORT_TURNS.slice(0, 10).map((turn) => turn.answer), anonymous(i) ? 'report-created-anonymous' : 'report-created']), 'the report answered in order');
    assert.ok(answersFollow(answers.slice(11), extra.map(() => 'help')), 'then each help');
  }
});

test('a resident flooding on Telegram is answered in turn too, and told once', async (t) => {
  const { fake } = await startOnFakeTelegram(t, { FLOOD_BURST: '3', FLOOD_RATE_PER_MINUTE: '120' }, 'silent');
  const chat = privateChat(7401);
  const MESSAGES = 12;
  for (let i = 0; i < MESSAGES; i++) fake.push(chat.text('help'));
  await fake.waitFor(() => fake.sent(7401).length >= MESSAGES + 1, 30_000);
  await sleep(500);
  const texts = fake.sent(7401).map((call) => String(call.payload.text));
  assert.equal(texts.length, MESSAGES + 1, 'every message answered, and one notice');
  const notices = LANGUAGES.map((lang) => catalog.format(lang, 'flood-slow-down'));
  assert.equal(texts.filter((text) => notices.some((notice) => text.includes(notice))).length, 1, 'one notice to slow down');
});

test('many event streams: one resident cannot hold more than its share, nor everyone more than the cap', async (t) => {
  const PER_RESIDENT = 5;
  const TOTAL = 100;
  const { url } = await startTestApp(t, { WEB_CHAT_STREAMS_PER_RESIDENT: String(PER_RESIDENT), WEB_CHAT_MAX_STREAMS: String(TOTAL) });
  const before = process.memoryUsage().rss;
  const controller = new AbortController();
  t.after(() => controller.abort());
  const open = async (resident: string) => {
    try {
      const response = await fetch(`${url}/chat/api/stream?resident=${resident}`, { signal: controller.signal });
      if (response.status !== 200) await response.body?.cancel();
      return response;
    } catch {
      return null;
    }
  };
  // 300 pages of one resident: a newer one ends an older one, so at most five stay open.
  const one = await Promise.all(Array.from({ length: 300 }, () => open('stream-flooder-1')));
  assert.ok(one.every((r) => r?.status === 200));
  // 200 more residents: past the cap, refused.
  const many = await Promise.all(Array.from({ length: 200 }, (_, i) => open(`stream-resident-${i}`)));
  const statuses = many.map((r) => r?.status);
  const opened = statuses.filter((s) => s === 200).length;
  assert.equal(opened, TOTAL - PER_RESIDENT, 'new streams fill up to the cap');
  assert.equal(statuses.filter((s) => s === 503).length, 200 - opened, 'the rest are refused');
  memory(t, `${300 + 200} event streams asked for, ${TOTAL} open`, before);
  // The server still answers everyone else.
  assert.equal((await fetch(`${url}/readyz`)).status, 200);
});
