import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Update } from 'grammy/types';
import sharp from 'sharp';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Lang } from '../src/engine/types.ts';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { createLogger } from '../src/log.ts';
import { freePort } from '../src/net.ts';
import { ROOT } from '../src/paths.ts';
import { testEnv } from './helpers/env.ts';
import { type ApiCall, BOT_USERNAME, FAKE_TOKEN, FakeTelegram, JPEG, privateChat } from './helpers/fake-telegram.ts';
import { startOnFakeTelegram } from './helpers/telegram-app.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
const tr = (lang: Lang, key: string) => catalog.format(lang, key);
const REFERENCE = /KHI-[0-9A-Z]{4}-[0-9A-Z]{4}/;

const setup = startOnFakeTelegram;

/** A resident in a private chat, reading what the bot sends to them. */
class Resident {
  private seen = 0;
  readonly chat;

  constructor(
    private readonly fake: FakeTelegram,
    readonly chatId: number,
  ) {
    this.chat = privateChat(chatId);
  }

  async next(): Promise<ApiCall> {
    await this.fake.waitFor(() => this.fake.sent(this.chatId).length > this.seen);
    return this.fake.sent(this.chatId)[this.seen++] as ApiCall;
  }

  async say(update: Omit<Update, 'update_id'>): Promise<ApiCall> {
    this.fake.push(update);
    return this.next();
  }
}

const textOf = (call: ApiCall) => String(call.payload.text);
const buttons = (call: ApiCall) =>
  ((call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).map((row) => row[0]);

function asks(call: ApiCall, lang: Lang, key: string): void {
  assert.ok(textOf(call).includes(tr(lang, key)), `expected "${key}" in ${lang}, got:\n${textOf(call)}`);
}

test('a full anonymous report in Sindhi with inline buttons, a shared location and a photo, then a status check', async (t) => {
  const { fake, app, vars, logs } = await setup(t);
  const resident = new Resident(fake, 7001);
  const { chat } = resident;
  fake.addFile('photo-1', JPEG);

  const language = await resident.say(chat.command('/start'));
  assert.deepEqual(
    buttons(language).map((b) => b?.callback_data),
    ['c:ur', 'c:sd', 'c:en'],
  );
  assert.equal(buttons(language)[1]?.text, '2. سنڌي');
  const menu = await resident.say(chat.press('c:sd'));
  asks(menu, 'sd', 'menu-prompt');
  await fake.waitFor((calls) => calls.some((c) => c.method === 'answerCallbackQuery'));

  asks(await resident.say(chat.press('c:report')), 'sd', 'report-category');
  asks(await resident.say(chat.press('c:mobile-snatching')), 'sd', 'report-area');
  asks(await resident.say(chat.text('ڪورنگي')), 'sd', 'report-place');
  asks(await resident.say(chat.location(24.8328, 67.1366)), 'sd', 'report-when');
  asks(await resident.say(chat.press('c:just-now')), 'sd', 'report-description');
  asks(await resident.say(chat.text('ٻه ماڻهو موٽر سائيڪل تي آيا ۽ موبائل کسي ويا')), 'sd', 'report-photo');
  asks(await resident.say(chat.photo('photo-1', JPEG.length)), 'sd', 'report-anonymous');
  const confirm = await resident.say(chat.press('c:yes'));
  assert.ok(textOf(confirm).includes(tr('sd', 'value-photo')), textOf(confirm));
  const receipt = await resident.say(chat.press('c:submit'));
  const reference = REFERENCE.exec(textOf(receipt))?.[0];
  const pin = /^(\d{6})$/m.exec(textOf(receipt))?.[1];
  assert.ok(reference && pin, textOf(receipt));

  const [report] = await app.db.query<{ resident_id: string | null; media: string[]; lat: number }>('select resident_id, media, lat from reports where reference = $1', [reference]);
  assert.equal(report?.resident_id, null);
  assert.equal(report?.lat, 24.8328);
  assert.equal(report?.media.length, 1);
  const [media] = await app.db.query<{ path: string; content_type: string; size: number }>('select path, content_type, size from media where id = $1', [report?.media[0]]);
  assert.equal(media?.content_type, 'image/jpeg');
  assert.ok(existsSync(join(vars.DATA_DIR ?? '', media?.path ?? '')), 'the photo is in the media folder');
  assert.equal((await sharp(join(vars.DATA_DIR ?? '', media?.path ?? '')).metadata()).exif, undefined, 'without its EXIF (GPS position, phone)');
  assert.ok(fake.calls.some((c) => c.method === 'getFile' && c.payload.file_id === 'photo-1'), 'the largest size was downloaded');

  const menuAgain = await resident.say(chat.command('/menu'));
  asks(menuAgain, 'sd', 'menu-prompt');
  asks(await resident.say(chat.press('c:status')), 'sd', 'status-reference');
  asks(await resident.say(chat.text(reference)), 'sd', 'status-pin');
  const status = await resident.say(chat.text(pin));
  assert.ok(textOf(status).includes(tr('sd', 'status-received')), textOf(status));
  // Every button press was acknowledged.
  const presses = fake.calls.filter((c) => c.method === 'answerCallbackQuery').length;
  assert.equal(presses, 7);
  assert.match(logs(), /telegram: polling for updates/);
  for (const secret of [FAKE_TOKEN, '7001', pin, 'موبائل کسي ويا']) assert.ok(!logs().includes(secret), `"${secret}" is not in the log`);
});

test('a poster deep link presets the area, offered first when reporting; the command menu is translated', async (t) => {
  const { fake } = await setup(t);
  const sindhiMenu = fake.calls.find((c) => c.method === 'setMyCommands' && c.payload.language_code === 'sd');
  const commands = (sindhiMenu?.payload.commands ?? []) as { command: string; description: string }[];
  assert.deepEqual(commands.map((c) => c.command), ['start', 'menu', 'help', 'language', 'stop']);
  assert.equal(commands[1]?.description, tr('sd', 'telegram-command-menu'));
  const resident = new Resident(fake, 7002);
  const { chat } = resident;
  asks(await resident.say(chat.command('/start area-korangi')), 'ur', 'language-prompt');
  await resident.say(chat.press('c:ur'));
  await resident.say(chat.press('c:report'));
  const area = await resident.say(chat.press('c:mugging'));
  asks(area, 'ur', 'report-area');
  assert.deepEqual(buttons(area)[0], { text: '1. کورنگی', callback_data: 'c:korangi' });
});

test('stickers, edits, unknown commands and group chats get a polite answer', async (t) => {
  const { fake } = await setup(t);
  const resident = new Resident(fake, 7003);
  const { chat } = resident;
  await resident.say(chat.command('/start'));
  await resident.say(chat.press('c:en'));
  const sticker = await resident.say(chat.sticker());
  assert.ok(textOf(sticker).startsWith(tr('en', 'unsupported-input')), textOf(sticker));
  asks(sticker, 'en', 'menu-prompt');
  const edited = await resident.say(chat.edited('changed my mind'));
  assert.ok(textOf(edited).startsWith(tr('en', 'unsupported-edited')), textOf(edited));
  const unknown = await resident.say(chat.command('/launch'));
  asks(unknown, 'en', 'hint-choice');
  asks(await resident.say(chat.command('/help')), 'en', 'menu-prompt');

  const group = { id: -100123, type: 'supergroup' as const, title: 'Mohalla watch' };
  const inGroup = (text: string) => ({ message: { message_id: 1, date: 0, chat: group, from: { id: 7004, is_bot: false, first_name: 'G' }, text } });
  fake.push(inGroup('hello bot'));
  fake.push(inGroup('anyone?'));
  await fake.waitFor(() => fake.sent(-100123).length === 1);
  await sleep(500);
  const notices = fake.sent(-100123);
  assert.equal(notices.length, 1, 'one notice per group');
  assert.ok(textOf(notices[0] as ApiCall).includes(`https://t.me/${BOT_USERNAME}`));
});

test('a photo over the size limit is explained instead of downloaded', async (t) => {
  const { fake } = await setup(t, { MEDIA_MAX_BYTES: '2048' });
  const resident = new Resident(fake, 7005);
  const { chat } = resident;
  await resident.say(chat.command('/start'));
  await resident.say(chat.press('c:en'));
  const tooLarge = { message: { ...chat.photo('big', 5_000_000).message, photo: [{ file_id: 'big', file_unique_id: 'big', width: 4000, height: 3000, file_size: 5_000_000 }] } };
  const reply = await resident.say(tooLarge);
  assert.ok(textOf(reply).startsWith(tr('en', 'unsupported-too-large')), textOf(reply));
  assert.ok(!fake.calls.some((c) => c.method === 'getFile'));
});

test('webhook: a wrong secret gets 401 and queues nothing; a malformed update is rejected; good updates go through', async (t) => {
  const port = await freePort();
  const { fake, app, logs } = await setup(t, { TELEGRAM_MODE: 'webhook', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  const registration = fake.calls.find((c) => c.method === 'setWebhook');
  assert.equal(registration?.payload.url, `http://127.0.0.1:${port}/webhooks/telegram`);
  const secret = String(registration?.payload.secret_token);
  assert.match(secret, /^[A-Za-z0-9_-]{16,}$/);
  assert.ok(!fake.calls.some((c) => c.method === 'getUpdates'), 'a webhook bot does not poll');

  const chat = privateChat(7006);
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  assert.equal((await post({ update_id: 1, ...chat.command('/start') }, { 'x-telegram-bot-api-secret-token': 'wrong-secret-value' })).status, 401);
  assert.equal((await post({ update_id: 2, ...chat.command('/start') }, {})).status, 401);
  assert.equal((await post({ update_id: 'three' }, { 'x-telegram-bot-api-secret-token': secret })).status, 400);
  assert.equal((await post('{"update_id": 4, "message": ', { 'x-telegram-bot-api-secret-token': secret })).status, 400);
  await sleep(500);
  assert.equal(logs().match(/telegram webhook call with a wrong or missing secret token/g)?.length, 2);
  assert.match(logs(), /"reason":"body\/update_id must be integer".*"msg":"malformed telegram update rejected"/);
  assert.match(logs(), /"msg":"request rejected"/, 'the unparseable body is logged too');
  assert.ok(!logs().includes(secret) && !logs().includes('wrong-secret-value'), 'secrets are not logged');
  const counts = await Promise.all(app.queues.inbound.map((q) => q.getJobCountByTypes('waiting', 'active', 'completed', 'delayed')));
  assert.deepEqual(counts, app.queues.inbound.map(() => 0), 'nothing was queued');
  assert.equal(fake.sent(7006).length, 0);

  const good = await post({ update_id: 5, ...chat.command('/start') }, { 'x-telegram-bot-api-secret-token': secret });
  assert.equal(good.status, 200);
  await fake.waitFor(() => fake.sent(7006).length === 1);
  // Telegram sends the same update again (e.g. our answer was lost): it is handled once.
  assert.equal((await post({ update_id: 5, ...chat.command('/start') }, { 'x-telegram-bot-api-secret-token': secret })).status, 200);
  await sleep(1000);
  assert.equal(fake.sent(7006).length, 1);
});

test('429 with retry_after pauses sending, then everything is delivered exactly once', async (t) => {
  const { fake } = await setup(t);
  const residents = [new Resident(fake, 7101), new Resident(fake, 7102), new Resident(fake, 7103)];
  fake.fail('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
  fake.push(residents[0]?.chat.command('/start') ?? {});
  await fake.waitFor(() => fake.sent().length === 1);
  // Messages that come while the queue is paused wait as well.
  await sleep(300);
  for (const r of residents.slice(1)) fake.push(r.chat.command('/start'));
  await fake.waitFor(() => fake.sent().length >= 4, 20_000);
  await sleep(1500);
  const [refused, ...delivered] = fake.sent();
  assert.equal(delivered.length, 3, 'three messages, the refused one sent again once');
  assert.deepEqual(delivered.map((c) => Number(c.payload.chat_id)).sort(), [7101, 7102, 7103]);
  // The whole queue waited: nothing went out before retry_after had passed.
  for (const call of delivered) assert.ok(call.at - (refused?.at ?? 0) >= 2000, `sent ${call.at - (refused?.at ?? 0)} ms after the 429`);
});

test('403 marks the resident unreachable and is not retried; 500 is retried', async (t) => {
  const { fake, app } = await setup(t);
  const blocked = new Resident(fake, 7201);
  fake.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
  fake.push(blocked.chat.command('/start'));
  await fake.waitFor(() => fake.sent(7201).length === 1);
  let reachable = true;
  for (let i = 0; i < 50 && reachable; i++) {
    await sleep(100);
    [{ reachable } = { reachable: true }] = await app.db.query<{ reachable: boolean }>("select reachable from residents where platform = 'telegram'");
  }
  assert.equal(reachable, false);
  await sleep(2500);
  assert.equal(fake.sent(7201).length, 1, 'no retry after 403');
  const [failed] = await app.db.query<{ error: string; message: unknown }>('select error, message from outbox');
  assert.match(failed?.error ?? '', /^403/);
  assert.equal(failed?.message, null);

  const flaky = new Resident(fake, 7202);
  fake.fail('sendMessage', { error_code: 500, description: 'Internal Server Error' });
  const reply = await flaky.say(flaky.chat.command('/start'));
  assert.ok(reply, 'the first attempt failed');
  await fake.waitFor(() => fake.sent(7202).length === 2, 15_000);
  asks(fake.sent(7202)[1] as ApiCall, 'ur', 'language-prompt');
});

test('after a restart, polling goes on from the last offset and nothing is handled twice', async (t) => {
  const { fake, app, restart } = await setup(t);
  const resident = new Resident(fake, 7301);
  await resident.say(resident.chat.command('/start'));
  await resident.say(resident.chat.press('c:en'));
  const lastId = fake.calls
    .filter((c) => c.method === 'getUpdates')
    .reduce((max, c) => Math.max(max, Number(c.payload.offset ?? 0)), 0);
  await app.stop();
  const pollsBefore = fake.calls.filter((c) => c.method === 'getUpdates').length;

  await restart();
  await fake.waitFor(() => fake.calls.filter((c) => c.method === 'getUpdates').length > pollsBefore);
  const firstPoll = fake.calls.filter((c) => c.method === 'getUpdates')[pollsBefore];
  assert.ok(Number(firstPoll?.payload.offset) >= lastId && Number(firstPoll?.payload.offset) > 1000, `resumed at offset ${firstPoll?.payload.offset}`);
  asks(await resident.say(resident.chat.text('help')), 'en', 'menu-prompt');
  await sleep(1000);
  assert.equal(fake.sent(7301).length, 3, 'one reply per update, none repeated');
});

test('messages to one chat are spaced by the per-chat interval, and long ones are split on lines', async (t) => {
  const { createTelegramChannel } = await import('../src/channels/telegram/telegram-channel.ts');
  const { splitMessage } = await import('../src/channels/split.ts');
  const { Api } = await import('grammy');
  const fake = new FakeTelegram();
  const root = await fake.start();
  t.after(() => fake.stop());
  const channel = createTelegramChannel(new Api(FAKE_TOKEN, { apiRoot: root }));
  const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. ${'محفوظ رہیں '.repeat(3)}`);
  const parts = splitMessage({ text: lines.join('\n'), choices: [{ id: 'a', label: 'A' }] }, channel.maxTextLength ?? 0);
  assert.ok(parts.length >= 2);
  assert.ok(parts.every((p) => p.text.length <= 4096));
  assert.equal(parts.map((p) => p.text).join('\n'), lines.join('\n'), 'nothing lost, cut at line breaks');
  assert.ok(parts.slice(0, -1).every((p) => !p.choices) && parts.at(-1)?.choices, 'buttons under the last piece');
  for (const [i, part] of parts.entries()) await channel.send('7401', part, `k-${i}`);
  assert.equal(fake.sent(7401).length, parts.length);

  const { fake: fake2 } = await setup(t, { TELEGRAM_CHAT_INTERVAL_MS: '1000' });
  const resident = new Resident(fake2, 7402);
  await resident.say(resident.chat.command('/start'));
  const first = fake2.sent(7402)[0] as ApiCall;
  const second = await resident.say(resident.chat.press('c:en'));
  assert.ok(second.at - first.at >= 1000, `second message ${second.at - first.at} ms after the first`);
});

test('a token Telegram refuses stops the start with the reason', async (t) => {
  const fake = new FakeTelegram();
  const apiRoot = await fake.start();
  const env = testEnv({ TELEGRAM_BOT_TOKEN: '987654321:AAWrongTokenWrongTokenWrongToken', TELEGRAM_API_ROOT: apiRoot });
  t.after(async () => {
    await fake.stop();
    await env.cleanup();
  });
  await assert.rejects(
    startApp(loadConfig(env.vars), 'all', createLogger({ level: 'silent', pretty: false })),
    /^Error: Telegram did not accept TELEGRAM_BOT_TOKEN at http:\/\/127\.0\.0\.1:\d+ \(401 Unauthorized\)$/,
  );
});

test('webhook: an update of the wrong shape gets 400 with the reason, not 500', async (t) => {
  const port = await freePort();
  const secret = 'webhook-secret-for-tests';
  const { fake, app } = await setup(t, { TELEGRAM_MODE: 'webhook', PORT: String(port), TELEGRAM_WEBHOOK_SECRET: secret });
  const post = (body: unknown) =>
    fetch(`http://127.0.0.1:${port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(body),
    });
  const message = privateChat(7501).text('salam').message;
  const { chat: _chat, ...withoutChat } = message;
  const bad: [unknown, RegExp][] = [
    [{ update_id: 1, message: withoutChat }, /body\/message must have required property 'chat'/],
    [{ update_id: 2, message: { ...message, chat: { id: '7501', type: 'private' } } }, /body\/message\/chat\/id must be integer/],
    [{ update_id: 3, message: { ...message, text: 5 } }, /body\/message\/text must be string/],
    [{ update_id: 4, message: { ...message, location: { latitude: '24.8' } } }, /body\/message\/location/],
    [{ update_id: 5, message: 'salam' }, /body\/message must be object/],
    [{ update_id: 6, edited_message: { ...message, chat: null } }, /body\/edited_message\/chat must be object/],
    [{ update_id: 7, callback_query: { id: 'cb', data: 'c:ur' } }, /body\/callback_query must have required property 'from'/],
    [{ update_id: 8, callback_query: { id: 'cb', from: { id: 7501 }, data: 7 } }, /body\/callback_query\/data must be string/],
    [{ update_id: 9, message: { ...message, photo: [{ file_id: 5 }] } }, /body\/message\/photo\/0\/file_id must be string/],
  ];
  for (const [body, reason] of bad) {
    const response = await post(body);
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.match(((await response.json()) as { message: string }).message, reason, JSON.stringify(body));
  }
  const counts = await Promise.all(app.queues.inbound.map((q) => q.getJobCountByTypes('waiting', 'active', 'completed', 'delayed')));
  assert.deepEqual(counts, app.queues.inbound.map(() => 0), 'nothing was queued');
  // Fields Telegram adds that Mohalla does not know are no reason to refuse an update.
  assert.equal((await post({ update_id: 10, message: { ...message, text: '/start', new_field: { x: 1 } }, another: true })).status, 200);
  await fake.waitFor(() => fake.sent(7501).length === 1);
});

test('NUL and half surrogate pairs are dropped from texts; a text over MAX_MESSAGE_CHARS is explained and the draft goes on', async (t) => {
  const { fake, app } = await setup(t, { MAX_MESSAGE_CHARS: '500' });
  const resident = new Resident(fake, 7502);
  const { chat } = resident;
  await resident.say(chat.command('/start'));
  await resident.say(chat.press('c:ur'));
  await resident.say(chat.press('c:report'));
  await resident.say(chat.press('c:mobile-snatching'));
  asks(await resident.say(chat.text('\u0000کورنگی\ud800')), 'ur', 'report-place');
  const tooLong = await resident.say(chat.text('ب'.repeat(100_000)));
  assert.ok(textOf(tooLong).startsWith(tr('ur', 'unsupported-too-long')), textOf(tooLong));
  asks(tooLong, 'ur', 'report-place');
  // Exactly at the limit is taken; an emoji counts as one character.
  asks(await resident.say(chat.text(`${'ب'.repeat(100)} 📱`)), 'ur', 'report-when');
  const [session] = await app.db.query<{ vars: Record<string, unknown> }>("select state->'vars' as vars from sessions");
  assert.deepEqual(session?.vars.area, { area: 'korangi' }, 'the draft kept its answers');
  const nothing = await resident.say(chat.text('\u0000\u0000'));
  assert.ok(textOf(nothing).startsWith(tr('ur', 'unsupported-input')), textOf(nothing));
});
