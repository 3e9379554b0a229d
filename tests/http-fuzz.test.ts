import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import type { Update } from 'grammy/types';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { testEnv } from './helpers/env.ts';
import { FAKE_TOKEN, FakeTelegram } from './helpers/fake-telegram.ts';
import { fuzzOptions, hugeText, residentText } from './helpers/fuzz.ts';
import { launcher } from './helpers/launch.ts';
import { REPORT_SCRIPT } from './helpers/report-script.ts';

/**
 * Property tests of what clients send over real HTTP on loopback: the web chat API and Telegram's webhook get
 * random bodies, wrong types, huge texts, NUL and lone surrogates. Never a 5xx; a clear 4xx or an acceptance;
 * and every accepted message is answered, once, with no apology for a failure on our side.
 */

const SECRET = 'webhook-secret-for-fuzzing';
const apologies = new Set(['ur', 'sd', 'en'].map((lang) => loadCatalog(join(ROOT, 'locales')).format(lang as 'en', 'error-sorry')));

async function setup(t: TestContext): Promise<{ url: string; fake: FakeTelegram }> {
  const fake = new FakeTelegram();
  const apiRoot = await fake.start();
  const env = testEnv({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_CHAT_INTERVAL_MS: '0',
    TELEGRAM_RATE_PER_SECOND: '1000',
  });
  const { launch } = launcher(t, env.vars, 'silent', async () => {
    await fake.stop();
    await env.cleanup();
  });
  const app = await launch();
  return { url: app.url ?? '', fake };
}

/** Waits until `done` holds, checking every 200 ms, or fails after a minute saying what is still missing. */
async function eventually(done: () => Promise<string | null>): Promise<void> {
  let missing: string | null = 'not checked yet';
  for (let i = 0; i < 300 && missing; i++) {
    missing = await done();
    if (missing) await sleep(200);
  }
  assert.equal(missing, null);
}

/** A field of any JSON type, or text of any kind. */
const anyValue = fc.oneof(fc.jsonValue(), residentText);

test('the web chat API answers any body with a clear 4xx or 202, and every accepted message gets an answer', async (t) => {
  const { url } = await setup(t);
  const residents = Array.from({ length: 8 }, (_, i) => `fuzz-resident-${i + 1}`);
  const resident = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...residents) }, { weight: 1, arbitrary: anyValue });
  // Texts that cannot be stored, often: they matter most where an answer is stored as typed.
  const unstorable = fc.tuple(residentText, fc.constantFrom('\u0000', '\ud800', '\udfff'), residentText).map(([a, c, b]) => `${a}${c}${b}`);
  const body = fc.oneof(
    { weight: 6, arbitrary: fc.record({ resident, text: residentText }) },
    { weight: 2, arbitrary: fc.record({ resident, text: unstorable }) },
    { weight: 1, arbitrary: fc.record({ resident, text: fc.oneof(hugeText(4000), hugeText(4001), hugeText(100_000)) }) },
    { weight: 2, arbitrary: fc.record({ resident, choice: fc.oneof(fc.constantFrom('ur', 'sd', 'en', 'report', 'status', 'yes', 'korangi', '99'), anyValue) }) },
    { weight: 1, arbitrary: fc.record({ resident, location: fc.record({ lat: fc.oneof(fc.double(), anyValue), lng: fc.oneof(fc.double(), anyValue) }) }) },
    { weight: 1, arbitrary: fc.record({ resident, start: fc.oneof(fc.constantFrom('', 'area-korangi', 'lang-sd'), anyValue) }) },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('resident', 'id', 'text', 'choice', 'location', 'start', 'admin'), anyValue) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  const request = fc.oneof({ weight: 12, arbitrary: body.map((b) => JSON.stringify(b) ?? 'null') }, { weight: 1, arbitrary: fc.string({ unit: 'binary' }) });

  const accepted = new Map<string, Set<string>>();
  // Most residents are in the middle of a report, at the question whose answer is stored as typed.
  for (const who of residents.slice(0, 6)) {
    const chat = new ChatClient(url, who);
    for (const turn of REPORT_SCRIPT.slice(0, 7)) await chat.say(turn);
    accepted.set(who, new Set(REPORT_SCRIPT.slice(0, 7).map((_, i) => `m${i + 1}`)));
  }
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(request, async (raw) => {
      // Each well-formed message gets a fresh id, so only deliberate repeats count as one.
      const parsed = (() => {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return undefined;
        }
      })();
      const payload = parsed && typeof parsed === 'object' && !Array.isArray(parsed) && !('id' in parsed) ? JSON.stringify({ ...parsed, id: `f${++sent}` }) : raw;
      const response = await fetch(`${url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
      const answer = (await response.json()) as { id?: string; message?: string; statusCode?: number };
      assert.ok(response.status === 202 || (response.status >= 400 && response.status < 500), `${response.status} for ${payload.slice(0, 300)}`);
      if (response.status === 202) {
        const who = (JSON.parse(payload) as { resident: string }).resident;
        accepted.set(who, (accepted.get(who) ?? new Set()).add(answer.id ?? ''));
      } else {
        assert.ok(typeof answer.message === 'string' && answer.message.length > 0, `a reason with ${response.status}`);
      }
    }),
    fuzzOptions(200),
  );
  assert.ok(accepted.size > 0, 'some messages were accepted');

  await eventually(async () => {
    for (const [who, ids] of accepted) {
      const replies = await new ChatClient(url, who).all();
      if (replies.length < ids.size) return `${who}: ${replies.length} of ${ids.size} answers`;
      assert.equal(replies.length, ids.size, `${who}: one answer per accepted message`);
      for (const reply of replies) assert.ok(!apologies.has(reply.text.split('\n\n')[0] ?? ''), `${who} got an apology: ${reply.text}`);
    }
    return null;
  });
});

test("Telegram's webhook answers any update with 200 or a clear 4xx, and every private message gets an answer", async (t) => {
  const { url, fake } = await setup(t);
  const chats = [7801, 7802, 7803, 7804];
  let updateId = 1;
  let messageId = 1;
  const base = (chatId: number, type = 'private') => ({ message_id: messageId++, date: 1_700_000_000, chat: { id: chatId, type }, from: { id: chatId, is_bot: false, first_name: 'F' } });
  const chat = fc.constantFrom(...chats);

  /** Updates a resident in a private chat can cause: each must be accepted and answered. */
  const answerable = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(chat, residentText).map(([id, text]) => ({ message: { ...base(id), text } })) },
    { weight: 1, arbitrary: fc.tuple(chat, fc.oneof(hugeText(4001), hugeText(100_000))).map(([id, text]) => ({ message: { ...base(id), text } })) },
    { weight: 1, arbitrary: fc.tuple(chat, fc.string({ maxLength: 40 })).map(([id, data]) => ({ callback_query: { id: `cb${updateId}`, from: { id, is_bot: false, first_name: 'F' }, chat_instance: 'c', data: `c:${data}`, message: base(id) } })) },
    { weight: 1, arbitrary: fc.tuple(chat, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true })).map(([id, latitude, longitude]) => ({ message: { ...base(id), location: { latitude, longitude } } })) },
    { weight: 1, arbitrary: chat.map((id) => ({ message: { ...base(id), photo: [{ file_id: `missing-${messageId}`, file_unique_id: 'u', width: 1, height: 1, file_size: 10 }] } })) },
    { weight: 1, arbitrary: fc.tuple(chat, residentText).map(([id, text]) => ({ edited_message: { ...base(id), text, edit_date: 1_700_000_001 } })) },
    { weight: 1, arbitrary: chat.map((id) => ({ message: { ...base(id), sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } })) },
  );
  /** Updates of the wrong shape: refused with 400. */
  const malformed = fc.oneof(
    fc.tuple(chat, anyValue).map(([id, text]) => ({ message: { ...base(id), text } })).filter((u) => typeof u.message.text !== 'string'),
    fc.tuple(chat, residentText).map(([id, text]) => {
      const { chat: _chat, ...rest } = base(id);
      return { message: { ...rest, text } };
    }),
    fc.tuple(chat, anyValue).map(([id, chatId]) => ({ message: { ...base(id), chat: { id: chatId, type: 'private' }, text: 'salam' } })).filter((u) => !Number.isInteger(u.message.chat.id)),
    fc.tuple(anyValue, residentText).map(([from, data]) => ({ callback_query: { id: 'cb', from, data } })).filter((u) => typeof u.callback_query.from !== 'object' || u.callback_query.from === null),
    fc.jsonValue().map((message) => ({ message })).filter((u) => typeof u.message !== 'object' || u.message === null || Array.isArray(u.message)),
  );
  /** Anything else: groups, unknown kinds of update, random JSON. */
  const other = fc.oneof(
    fc.tuple(fc.constantFrom(-100501, -100502), residentText).map(([id, text]) => ({ message: { ...base(id, 'supergroup'), text } })),
    fc.dictionary(fc.constantFrom('message', 'edited_message', 'callback_query', 'channel_post', 'my_chat_member', 'poll'), anyValue),
  );
  const update = fc.oneof({ weight: 6, arbitrary: answerable.map((u) => ({ u, kind: 'answerable' as const })) }, { weight: 2, arbitrary: malformed.map((u) => ({ u, kind: 'malformed' as const })) }, { weight: 2, arbitrary: other.map((u) => ({ u, kind: 'other' as const })) });

  const expected = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(update, async ({ u, kind }) => {
      const body = JSON.stringify({ ...u, update_id: updateId++ });
      const response = await fetch(`${url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body,
      });
      const where = `${kind}: ${body.slice(0, 300)}`;
      assert.ok(response.status < 500, `${response.status} for ${where}`);
      if (kind === 'answerable') {
        assert.equal(response.status, 200, where);
        const chatId = (u as Update).message?.chat.id ?? (u as Update).edited_message?.chat.id ?? (u as Update).callback_query?.from.id ?? 0;
        expected.set(chatId, (expected.get(chatId) ?? 0) + 1);
      }
      if (kind === 'malformed') {
        assert.equal(response.status, 400, where);
        assert.match(((await response.json()) as { message: string }).message, /^body/, where);
      }
    }),
    fuzzOptions(150),
  );

  await eventually(async () => {
    for (const [chatId, count] of expected) {
      const answers = fake.sent(chatId);
      if (answers.length < count) return `chat ${chatId}: ${answers.length} of ${count} answers`;
      assert.equal(answers.length, count, `chat ${chatId}: one answer per message`);
      for (const answer of answers) assert.ok(!apologies.has(String(answer.payload.text).split('\n\n')[0] ?? ''), `chat ${chatId} got an apology`);
    }
    return null;
  });
});
