import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { BufferJSON, DisconnectReason, proto, type SignalDataSet, type WAMessage, WAMessageStatus } from '@whiskeysockets/baileys';
import type { App } from '../src/app.ts';
import { createAuthStore } from '../src/channels/whatsapp/auth-state.ts';
import { loadConfig } from '../src/config.ts';
import type { Lang } from '../src/engine/types.ts';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { createLogger } from '../src/log.ts';
import { ROOT } from '../src/paths.ts';
import { createSecrets } from '../src/secrets.ts';
import { openDatabase } from '../src/store/open.ts';
import { testEnv } from './helpers/env.ts';
import { JPEG } from './helpers/fake-telegram.ts';
import { BOT_PN, FakeWhatsApp, type Sent, WAIT_MS, WhatsAppResident } from './helpers/fake-whatsapp.ts';
import { launcher } from './helpers/launch.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
const tr = (lang: Lang, key: string) => catalog.format(lang, key);
const REFERENCE = /KHI-[0-9A-Z]{4}-[0-9A-Z]{4}/;

interface Setup {
  fake: FakeWhatsApp;
  app: App;
  vars: Record<string, string>;
  logs(): string;
  /** What was printed for the person linking the number (QR codes, pairing codes). */
  printed(): string;
  /** Starts another instance with the same settings and the same fake WhatsApp (a restart). */
  restart(): Promise<App>;
}

/** The real program, with WhatsApp's socket replaced by the fake. */
async function setup(t: TestContext, overrides: Record<string, string> = {}): Promise<Setup> {
  const fake = new FakeWhatsApp();
  const env = testEnv({
    WHATSAPP: 'true',
    WEB_CHAT: 'false',
    WHATSAPP_RATE_PER_MINUTE: '600',
    WHATSAPP_CHAT_INTERVAL_MS: '1000',
    WHATSAPP_JITTER_MS: '0',
    WHATSAPP_LEASE_SECONDS: '3',
    ...overrides,
  });
  const terminal: string[] = [];
  const cleanup = async () => {
    await fake.stop();
    await env.cleanup();
  };
  const { launch, logs } = launcher(t, env.vars, 'debug', cleanup, { whatsappSockets: fake.factory, terminal: (text) => terminal.push(text) });
  return { fake, app: await launch(), vars: env.vars, logs, printed: () => terminal.join(''), restart: launch };
}

/** Starts the program and links the number by "scanning" the first QR code. */
async function linked(t: TestContext, overrides: Record<string, string> = {}): Promise<Setup> {
  const s = await setup(t, overrides);
  await s.fake.waitFor(() => s.printed().includes('scan this code'), WAIT_MS, 'a QR code');
  await s.fake.current.link();
  await s.fake.waitFor(() => s.fake.openSocket() !== null, WAIT_MS, 'an open connection');
  return s;
}

/** Sends what a resident wrote, as a live (`notify`) upsert, and returns the bot's next message to them. */
async function say(fake: FakeWhatsApp, resident: WhatsAppResident, message: WAMessage): Promise<Sent> {
  const before = resident.received().length;
  fake.current.upsert([message], 'notify');
  await fake.waitFor(() => resident.received().length > before, WAIT_MS, 'a reply');
  return resident.received()[before] as Sent;
}

/** The number in front of a choice in a numbered list ("3. کورنگی"). */
function numberOf(sent: Sent, label: string): string {
  const line = sent.text.split('\n').find((l) => l.endsWith(`. ${label}`) || l.includes(`. ${label} /`));
  const number = line ? /^(\d+)\. /.exec(line)?.[1] : undefined;
  assert.ok(number, `no numbered choice "${label}" in:\n${sent.text}`);
  return number;
}

function asks(sent: Sent, lang: Lang, key: string): void {
  assert.ok(sent.text.includes(tr(lang, key)), `expected "${key}" in ${lang}, got:\n${sent.text}`);
}

test('links by QR code: printed in the terminal, shown to admins only, then connected and stored encrypted', async (t) => {
  const { fake, app, vars, printed, logs } = await setup(t, { PORT: '0' });
  await fake.waitFor(() => printed().includes('scan this code'), WAIT_MS, 'a QR code');
  assert.match(printed(), /[▀▄█]/, 'the QR code is drawn in the terminal');
  assert.match(logs(), /whatsapp: waiting for the QR code to be scanned/);

  const status = `${app.url}/admin/whatsapp/status`;
  assert.equal((await fetch(status)).status, 401);
  assert.equal((await fetch(status, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status, 401);
  const token = app.secrets.token('admin');
  const asAdmin = { headers: { authorization: `Bearer ${token}` } };
  assert.deepEqual(Object.keys(await (await fetch(status, asAdmin)).json()).sort(), ['qr', 'since', 'state']);
  const qr = await fetch(`${app.url}/admin/whatsapp/qr.svg`, { headers: { authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` } });
  assert.equal(qr.status, 200);
  assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
  assert.equal(qr.headers.get('cache-control'), 'no-store');
  assert.match(await qr.text(), /^<svg/);

  await fake.current.link();
  await fake.waitFor(() => fake.openSocket() !== null, WAIT_MS, 'an open connection');
  assert.equal(fake.sockets.length, 2, 'one new socket after the 515 restart WhatsApp asks for');
  await fake.waitFor(() => logs().includes('whatsapp: connected'));
  let state = '';
  for (let i = 0; i < 50 && state !== 'open'; i++) {
    state = ((await (await fetch(status, asAdmin)).json()) as { state: string }).state;
    if (state !== 'open') await sleep(100);
  }
  assert.equal(state, 'open');
  assert.equal((await fetch(`${app.url}/admin/whatsapp/qr.svg`, asAdmin)).status, 404, 'no QR code once linked');

  const rows = await app.db.query<{ kind: string; key_hash: string; value: string }>('select kind, key_hash, value from whatsapp_auth');
  assert.ok(rows.some((r) => r.kind === 'creds') && rows.some((r) => r.kind === 'lid-mapping'));
  const dump = JSON.stringify(rows);
  assert.ok(!dump.includes(BOT_PN) && !dump.includes('Mohalla') && !dump.includes('noiseKey'), 'the session is stored encrypted, ids hashed');
  assert.ok(!logs().includes(BOT_PN), 'the number itself is not logged');
  assert.ok(vars.DATA_DIR);
});

test('a full report in Urdu with a location and a photo, then a status check, in numbered choices', async (t) => {
  const { fake, app, vars, logs } = await linked(t);
  const resident = new WhatsAppResident(fake, '200000000000011', '920000000011');
  fake.knowsPair(resident.lid, resident.pn);

  const language = await say(fake, resident, resident.text('السلام علیکم'));
  assert.equal(language.jid, resident.lidJid, 'replies go to the LID, WhatsApp’s lasting id');
  assert.match(language.text, /\n1\. اردو\n2\. سنڌي\n3\. English$/);
  const menu = await say(fake, resident, resident.reply('1', language));
  asks(menu, 'ur', 'menu-prompt');
  const category = await say(fake, resident, resident.ephemeral(numberOf(menu, tr('ur', 'menu-report'))));
  asks(category, 'ur', 'report-category');
  asks(await say(fake, resident, resident.text(numberOf(category, tr('ur', 'category-mobile-snatching')))), 'ur', 'report-area');
  asks(await say(fake, resident, resident.text('کورنگی')), 'ur', 'report-place');
  const when = await say(fake, resident, resident.location(24.8328, 67.1366));
  asks(when, 'ur', 'report-when');
  asks(await say(fake, resident, resident.text(numberOf(when, tr('ur', 'when-just-now')))), 'ur', 'report-description');
  asks(await say(fake, resident, resident.text('دو آدمی موٹر سائیکل پر آئے اور موبائل چھین کر لے گئے')), 'ur', 'report-photo');
  const anonymous = await say(fake, resident, await resident.photo(JPEG, true));
  asks(anonymous, 'ur', 'report-anonymous');
  const confirm = await say(fake, resident, resident.text(numberOf(anonymous, tr('ur', 'choice-yes'))));
  assert.ok(confirm.text.includes(tr('ur', 'value-photo')), confirm.text);
  const receipt = await say(fake, resident, resident.text(numberOf(confirm, tr('ur', 'confirm-submit'))));
  const reference = REFERENCE.exec(receipt.text)?.[0];
  const pin = /^(\d{6})$/m.exec(receipt.text)?.[1];
  assert.ok(reference && pin, receipt.text);

  const [report] = await app.db.query<{ resident_id: string | null; media: string[]; lat: number; description: string }>(
    'select resident_id, media, lat, description from reports where reference = $1',
    [reference],
  );
  assert.equal(report?.resident_id, null, 'anonymous: no link to the resident');
  assert.equal(report?.lat, 24.8328);
  assert.match(report?.description ?? '', /موبائل چھین/);
  const [media] = await app.db.query<{ path: string; size: number }>('select path, size from media where id = $1', [report?.media[0]]);
  const stored = await sharp(join(vars.DATA_DIR ?? '', media?.path ?? '')).metadata();
  assert.deepEqual([stored.width, stored.height], [64, 48], 'the photo was downloaded and decrypted whole');
  assert.equal(stored.exif, undefined, 'and stored without its EXIF (GPS position, phone)');

  asks(await say(fake, resident, resident.text('مینو')), 'ur', 'menu-prompt');
  const menuAgain = resident.received().at(-1) as Sent;
  asks(await say(fake, resident, resident.text(numberOf(menuAgain, tr('ur', 'menu-status')))), 'ur', 'status-reference');
  asks(await say(fake, resident, resident.text(reference)), 'ur', 'status-pin');
  const status = await say(fake, resident, resident.text(pin));
  assert.ok(status.text.includes(tr('ur', 'status-received')), status.text);

  for (const secret of [resident.lid, resident.pn, pin, 'موبائل چھین', 'السلام', reference]) {
    assert.ok(!logs().includes(secret), `"${secret}" is not in the log`);
  }
});

test('a redelivered message is handled once; own messages, status updates and newsletters are ignored; a group is told once', async (t) => {
  const { fake, app } = await linked(t);
  const resident = new WhatsAppResident(fake, '200000000000021', '920000000021');
  const hello = resident.text('hello');
  await say(fake, resident, hello);
  // The same message again, live and then as an offline `append` after a reconnect: one reply in all.
  fake.current.upsert([hello], 'notify');
  fake.current.close(DisconnectReason.connectionLost, 'Connection was lost');
  await fake.waitFor(() => fake.openSocket() !== null && fake.sockets.length === 3, WAIT_MS, 'a reconnect');
  fake.current.upsert([structuredClone(hello)], 'append');
  // A message queued while we were offline arrives as `append` too, and is answered.
  const queued = resident.text('menu');
  fake.current.upsert([queued], 'append');
  await fake.waitFor(() => resident.received().length === 2, WAIT_MS, 'the answer to the queued message');

  const ownEcho = { ...resident.text('from another device of ours'), key: { ...resident.key(), fromMe: true } };
  const status = { ...resident.text('my status'), key: { remoteJid: 'status@broadcast', participant: resident.lidJid, fromMe: false, id: 'STATUS1' } };
  const newsletter = { ...resident.text('news'), key: { remoteJid: '120363000000000001@newsletter', fromMe: false, id: 'NEWS1' } };
  const failedDecrypt: WAMessage = { key: resident.key(), messageStubType: 2, messageStubParameters: ['No session'] };
  fake.current.upsert([ownEcho, status, newsletter, failedDecrypt], 'notify');

  const group = '120363000000000002@g.us';
  const inGroup = (text: string) => ({ ...resident.text(text), key: { remoteJid: group, participant: resident.lidJid, fromMe: false, id: `G-${text}` } });
  fake.current.upsert([inGroup('hi bot')], 'notify');
  fake.current.upsert([inGroup('anyone?')], 'notify');
  await fake.waitFor(() => fake.sentTo(group).length === 1, WAIT_MS, 'the group notice');
  await sleep(1500);
  assert.equal(fake.sentTo(group).length, 1, 'one notice per group');
  assert.ok(fake.sentTo(group)[0]?.text.includes(`https://wa.me/${BOT_PN}`));
  assert.equal(resident.received().length, 2, 'hello answered once, the queued message once, nothing else');
  // Recorded under opaque ids: each of the two messages once.
  const [{ count }] = (await app.db.query<{ count: number }>('select count(*)::int as count from processed_inbound')) as [{ count: number }];
  assert.equal(count, 2);

  // Receipts of what we sent are recorded (delivered, then read), for broadcasts to count.
  const sent = resident.received()[0] as Sent;
  fake.current.ev.emit('messages.update', [{ key: { remoteJid: sent.jid, fromMe: true, id: sent.id }, update: { status: WAMessageStatus.DELIVERY_ACK } }]);
  fake.current.ev.emit('messages.update', [{ key: { remoteJid: sent.jid, fromMe: true, id: sent.id }, update: { status: WAMessageStatus.READ } }]);
  let receipt: { delivered: boolean; read: boolean } | undefined;
  for (let i = 0; i < 50 && !receipt?.read; i++) {
    await sleep(100);
    [receipt] = await app.db.query<{ delivered: boolean; read: boolean }>(
      'select delivered_at is not null as delivered, read_at is not null as read from whatsapp_receipts where message_id = $1',
      [sent.id],
    );
  }
  assert.deepEqual(receipt, { delivered: true, read: true });
});

test('a resident seen under a phone number and then under a LID keeps one conversation', async (t) => {
  const { fake, app } = await linked(t);
  // WhatsApp left out the other id, and nothing maps them yet: the resident is first known by the phone number.
  const a = new WhatsAppResident(fake, '200000000000031', '920000000031');
  const language = await say(fake, a, a.text('salam', a.key('pn', false)));
  assert.equal(language.jid, a.pnJid);
  // Then they write LID-addressed, with the phone number as the alternative id: same resident, same session.
  const menu = await say(fake, a, a.text('2', a.key('lid', true)));
  asks(menu, 'sd', 'menu-prompt');
  asks(await say(fake, a, a.text(numberOf(menu, tr('sd', 'menu-report')), a.key('lid', false))), 'sd', 'report-category');

  // Another resident is first seen under the LID alone; Baileys learns the pair later (lid-mapping.update).
  const b = new WhatsAppResident(fake, '200000000000032', '920000000032');
  await say(fake, b, b.text('salam', b.key('lid', false)));
  fake.current.ev.emit('lid-mapping.update', { lid: b.lidJid, pn: b.pnJid });
  await sleep(300);
  const bMenu = await say(fake, b, b.text('3', b.key('pn', false)));
  asks(bMenu, 'en', 'menu-prompt');
  assert.ok(b.received().every((s) => s.jid === b.lidJid), 'every reply to the one address');

  const residents = await app.db.query<{ id: string }>("select id from residents where platform = 'whatsapp'");
  assert.equal(residents.length, 2, 'two people, two residents');
  const sessions = await app.db.query<{ lang: string }>("select state->>'lang' as lang from sessions order by lang");
  assert.deepEqual(sessions.map((s) => s.lang), ['en', 'sd']);
  const identities = await app.db.query<{ n: number }>('select count(distinct address_enc)::int as n from whatsapp_identities');
  assert.equal(identities[0]?.n, 2, 'four ids, two addresses');
});

test('a transient close reconnects with backoff and the conversation goes on; a conflict stops without a loop', async (t) => {
  const { fake, logs } = await linked(t);
  const resident = new WhatsAppResident(fake, '200000000000041', '920000000041');
  await say(fake, resident, resident.text('salam'));
  const before = fake.sockets.length;
  fake.current.close(DisconnectReason.connectionLost, 'Connection was lost');
  await fake.waitFor(() => fake.sockets.length === before + 1 && fake.openSocket() !== null, WAIT_MS, 'a new open socket');
  assert.match(logs(), /"status":408,"reason":"Connection was lost","retryInMs":\d+,"msg":"whatsapp: connection closed; reconnecting"/);
  fake.current.close(DisconnectReason.unavailableService, 'Stream Errored (503)');
  await fake.waitFor(() => fake.sockets.length === before + 2 && fake.openSocket() !== null, WAIT_MS, 'another new open socket');
  asks(await say(fake, resident, resident.text('1')), 'ur', 'menu-prompt');

  fake.current.close(DisconnectReason.connectionReplaced, 'Stream Errored (conflict)');
  await sleep(3000);
  assert.equal(fake.sockets.length, before + 2, 'no reconnect after 440');
  assert.equal(logs().match(/whatsapp: another client connected with this number’s session \(440 conflict\); stopped until the program restarts/g)?.length, 1);
});

test('logged out by the phone: the session is cleared, one loud line, and a new QR code', async (t) => {
  const { fake, app, logs, printed } = await linked(t);
  const [{ n: stored }] = (await app.db.query<{ n: number }>('select count(*)::int as n from whatsapp_auth')) as [{ n: number }];
  assert.ok(stored >= 3, `session stored (${stored} rows)`);
  const qrsBefore = printed().split('scan this code').length;
  fake.current.close(DisconnectReason.loggedOut, 'Connection Failure');
  await fake.waitFor(() => printed().split('scan this code').length > qrsBefore, WAIT_MS, 'a new QR code');
  const rows = await app.db.query('select kind from whatsapp_auth');
  assert.deepEqual(rows, [], 'credentials and keys are gone');
  assert.equal(fake.current.user, undefined);
  const loud = logs().split('\n').filter((l) => l.includes('logged this device out'));
  assert.equal(loud.length, 1);
  assert.match(loud[0] ?? '', /"level":50/);
});

test('the database auth store keeps every key kind across a restart, deletes on null, and stores nothing readable', async (t) => {
  const env = testEnv();
  const config = loadConfig(env.vars);
  const secrets = createSecrets(config.SECRET_KEY as Buffer);
  const database = await openDatabase(config, secrets, createLogger({ level: 'silent', pretty: false }));
  // The database first, then the folder it lives in.
  t.after(async () => {
    await database.close();
    await env.cleanup();
  });
  const { db } = database;

  const first = await createAuthStore(db, secrets).load();
  assert.equal(first.state.creds.registered, false, 'a new session starts from initAuthCreds()');
  Object.assign(first.state.creds, { me: { id: `${BOT_PN}:7@s.whatsapp.net`, lid: '100000000000001:7@lid' }, registered: true });
  await first.saveCreds();
  const pn = '920000000091';
  const lid = '200000000000091';
  const keyPair = { public: randomBytes(33), private: randomBytes(32) };
  const every: SignalDataSet = {
    'pre-key': { '1': keyPair, '2': { public: randomBytes(33), private: randomBytes(32) } },
    session: { [`${lid}_1.0`]: randomBytes(120) },
    'sender-key': { [`120363000000000009@g.us::${lid}::0`]: randomBytes(64) },
    'sender-key-memory': { '120363000000000009@g.us': { [`${lid}@lid`]: true } },
    'app-state-sync-key': { AAAAAEtf: proto.Message.AppStateSyncKeyData.fromObject({ keyData: randomBytes(32), timestamp: 1700000000 }) },
    'app-state-sync-version': { regular_high: { version: 7, hash: randomBytes(128), indexValueMap: { abc: { valueMac: randomBytes(32) } } } },
    'lid-mapping': { [pn]: lid, [`${lid}_reverse`]: pn },
    'device-list': { [pn]: ['0', '3'] },
    tctoken: { [`${lid}@lid`]: { token: randomBytes(24), timestamp: '1700000000' } },
    'identity-key': { [`${lid}.0`]: randomBytes(33) },
  };
  assert.equal(Object.keys(every).length, 10, 'all ten kinds of SignalDataTypeMap');
  await first.state.keys.set(every);
  await first.state.keys.set({ 'pre-key': { '2': null }, 'lid-mapping': { [`${lid}_reverse`]: null } });

  // A new store on the same database: what a restarted process sees.
  const again = await createAuthStore(db, secrets).load();
  assert.equal(again.state.creds.registered, true);
  assert.deepEqual(again.state.creds.noiseKey, first.state.creds.noiseKey, 'Buffers survive (BufferJSON)');
  assert.ok(Buffer.isBuffer(again.state.creds.signedIdentityKey.private));
  for (const [kind, entries] of Object.entries(every) as [keyof SignalDataSet, Record<string, unknown>][]) {
    const ids = Object.keys(entries);
    const read = await again.state.keys.get(kind, ids);
    const expected = Object.fromEntries(
      ids.filter((id) => !(kind === 'pre-key' && id === '2') && !(kind === 'lid-mapping' && id.endsWith('_reverse'))).map((id) => [id, entries[id]]),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(read, BufferJSON.replacer)), JSON.parse(JSON.stringify(expected, BufferJSON.replacer)), kind);
  }
  const syncKey = (await again.state.keys.get('app-state-sync-key', ['AAAAAEtf'])).AAAAAEtf;
  assert.ok(syncKey instanceof proto.Message.AppStateSyncKeyData, 'app-state-sync-key comes back as a protobuf object');

  const dump = JSON.stringify(await db.query('select * from whatsapp_auth'));
  for (const id of [pn, lid, BOT_PN, '120363000000000009']) assert.ok(!dump.includes(id), `${id} is not readable in the table`);

  await again.state.keys.clear?.();
  assert.deepEqual(await db.query('select 1 from whatsapp_auth'), []);
});

test('a restart reconnects with the stored session, without a new scan', async (t) => {
  const { fake, app, restart, printed } = await linked(t);
  const resident = new WhatsAppResident(fake, '200000000000051', '920000000051');
  fake.knowsPair(resident.lid, resident.pn);
  await say(fake, resident, resident.text('salam'));
  await app.stop();
  const qrs = printed().split('scan this code').length;
  const socketsBefore = fake.sockets.length;
  await restart();
  await fake.waitFor(() => fake.sockets.length > socketsBefore && fake.openSocket() !== null, WAIT_MS, 'a reconnect');
  assert.equal(printed().split('scan this code').length, qrs, 'no QR code after the restart');
  asks(await say(fake, resident, resident.text('1')), 'ur', 'menu-prompt');
});

test('pacing holds under a burst: a global interval and one message per chat per interval, measured between sends', async (t) => {
  const { fake } = await linked(t, { WHATSAPP_RATE_PER_MINUTE: '120', WHATSAPP_CHAT_INTERVAL_MS: '1500', WHATSAPP_JITTER_MS: '200' });
  const residents = Array.from({ length: 4 }, (_, i) => new WhatsAppResident(fake, `20000000000006${i}`, `92000000006${i}`));
  // Every resident at once, one of them three messages in a row.
  const [busy] = residents as [WhatsAppResident];
  fake.current.upsert([...residents.map((r) => r.text('salam')), busy.text('help'), busy.text('help')], 'notify');
  await fake.waitFor(() => fake.sent.length === residents.length + 2, 30_000, 'every reply');
  const times = fake.sent.map((s) => s.at);
  // Redis keeps time to the millisecond, and so does Date.now(): a gap may look a millisecond short.
  const gaps = (at: number[]) => at.slice(1).map((t, i) => t - (at[i] as number));
  assert.ok(gaps(times).every((gap) => gap >= 500 - 1), `the number: gaps of ${gaps(times).join(', ')} ms`);
  const busyTimes = busy.received().map((s) => s.at);
  assert.equal(busyTimes.length, 3);
  assert.ok(gaps(busyTimes).every((gap) => gap >= 1500 - 1), `one chat: gaps of ${gaps(busyTimes).join(', ')} ms`);
});

test('the daily cap stops sending for the day, with one warning, and keeps the rest for later', async (t) => {
  const { fake, app, logs } = await linked(t, { WHATSAPP_DAILY_CAP: '2' });
  const residents = Array.from({ length: 4 }, (_, i) => new WhatsAppResident(fake, `20000000000007${i}`, `92000000007${i}`));
  fake.current.upsert(residents.map((r) => r.text('salam')), 'notify');
  await fake.waitFor(() => fake.sent.length === 2, WAIT_MS, 'two sends');
  await sleep(2500);
  assert.equal(fake.sent.length, 2, 'nothing beyond the cap');
  assert.equal(logs().match(/whatsapp: daily cap reached/g)?.length, 1);
  const [{ n }] = (await app.db.query<{ n: number }>('select count(*)::int as n from outbox where failed_at is null')) as [{ n: number }];
  assert.equal(n, 2, 'the other replies wait in the outbox');
});

test('nothing personal in the logs: Baileys’ own lines are scrubbed, libsignal’s session dumps are dropped', async (t) => {
  const { fake, logs } = await linked(t);
  const resident = new WhatsAppResident(fake, '200000000000081', '920000000081');
  fake.current.logHandlingError(resident.lidJid, resident.pn);
  await fake.waitFor(() => logs().includes('error in handling message'));
  const line = logs().split('\n').find((l) => l.includes('error in handling message')) ?? '';
  assert.match(line, /"component":"whatsapp-client".*"err":"No session for \[jid\]"/);
  assert.match(logs(), /Invalid LID-PN mapping: \[jid\], \[jid\]/);
  for (const id of [resident.lid, resident.pn, BOT_PN]) assert.ok(!logs().includes(id), `${id} is not in the log`);

  const { muteLibsignal } = await import('../src/channels/whatsapp/socket.ts');
  const { createRequire } = await import('node:module');
  const { SessionRecord } = createRequire(import.meta.url)('libsignal') as { SessionRecord: new () => { closeSession(s: unknown): void } };
  const printedLines: unknown[][] = [];
  const original = console.info;
  console.info = (...args: unknown[]) => printedLines.push(args);
  t.after(() => {
    console.info = original;
  });
  muteLibsignal();
  new SessionRecord().closeSession({ indexInfo: { closed: -1 }, currentRatchet: { rootKey: 'secret-root-key' } });
  console.info('our own line');
  assert.deepEqual(printedLines, [['our own line']]);
});

test('WHATSAPP_TEST_SOCKET is refused outside tests and outside the tests folder', async () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production', WHATSAPP_TEST_SOCKET: 'tests/helpers/fake-whatsapp-process.ts' }), /WHATSAPP_TEST_SOCKET is for the test suite only and needs NODE_ENV=test/);
  assert.throws(() => loadConfig({ WHATSAPP_TEST_SOCKET: 'tests/helpers/fake-whatsapp-process.ts' }), /needs NODE_ENV=test/);
  const { loadTestSocket } = await import('../src/channels/whatsapp/socket.ts');
  const log = createLogger({ level: 'silent', pretty: false });
  await assert.rejects(loadTestSocket('src/main.ts', log), /must name a module under .*tests\//);
  await assert.rejects(loadTestSocket('tests/../src/main.ts', log), /must name a module under .*tests\//);
  assert.equal(typeof (await loadTestSocket('tests/helpers/fake-whatsapp-process.ts', log)), 'function');
});

test('NUL and half surrogate pairs are dropped from texts; a text over MAX_MESSAGE_CHARS is explained', async (t) => {
  const { fake } = await linked(t, { MAX_MESSAGE_CHARS: '500' });
  const resident = new WhatsAppResident(fake, '200000000000021', '920000000021');
  await say(fake, resident, resident.text('salam'));
  asks(await say(fake, resident, resident.text('1\u0000\udc00')), 'ur', 'menu-prompt');
  const tooLong = await say(fake, resident, resident.text('ب'.repeat(501)));
  assert.ok(tooLong.text.startsWith(tr('ur', 'unsupported-too-long')), tooLong.text);
  asks(tooLong, 'ur', 'menu-prompt');
});
