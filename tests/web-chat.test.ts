import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Lang } from '../src/engine/types.ts';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient, type ChatMessage } from './helpers/chat-client.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
/** A locale text as the resident sees it; without variables, or with the ones given. */
const tr = (lang: Lang, key: string, args: Record<string, string> = {}) => catalog.format(lang, key, args);
/** The fixed start of a text with variables (up to the first variable or line break): enough to recognise it. */
const opening = (lang: Lang, key: string) => {
  const marks = Object.fromEntries(catalog.variables(lang, key).map((name) => [name, '\n']));
  return catalog.format(lang, key, marks).split('\n')[0] ?? '';
};

const REFERENCE = /KHI-[0-9A-Z]{4}-[0-9A-Z]{4}/;

function assertAsks(message: ChatMessage, lang: Lang, key: string): void {
  assert.ok(message.text.includes(tr(lang, key)), `expected "${key}" in ${lang}, got:\n${message.text}`);
}

function choiceId(message: ChatMessage, lang: Lang, labelKey: string): string {
  const label = tr(lang, labelKey);
  const choice = message.choices?.find((c) => c.label === label);
  assert.ok(choice, `no choice "${label}" in ${JSON.stringify(message.choices)}`);
  return choice.id;
}

async function chooseLanguage(chat: ChatClient, lang: Lang): Promise<ChatMessage> {
  const prompt = await chat.say({ start: '' });
  for (const l of ['ur', 'sd', 'en'] as const) assert.ok(prompt.text.includes(tr(l, 'language-prompt')), `language prompt in ${l}`);
  const menu = await chat.say({ choice: lang });
  assert.ok(menu.text.includes(opening(lang, 'welcome')));
  assertAsks(menu, lang, 'menu-prompt');
  return menu;
}

test('a resident reports a mobile snatching in Korangi anonymously in Urdu and checks it with reference and PIN', async (t) => {
  const { url, app } = await startTestApp(t);
  const chat = new ChatClient(url, 'urdu-resident-1');
  const lang = 'ur';
  const menu = await chooseLanguage(chat, lang);

  assertAsks(await chat.say({ choice: choiceId(menu, lang, 'menu-report') }), lang, 'report-category');
  // Urdu digit ۱ picks the first category, mobile snatching.
  assertAsks(await chat.say({ text: '۱' }), lang, 'report-area');
  assertAsks(await chat.say({ text: 'کورنگی' }), lang, 'report-place');
  assertAsks(await chat.say({ text: 'کورنگی نمبر ۵ چورنگی کے پاس' }), lang, 'report-when');
  assertAsks(await chat.say({ choice: 'just-now' }), lang, 'report-description');
  assertAsks(await chat.say({ text: 'دو موٹر سائیکل سوار اسلحے کے زور پر موبائل چھین کر بھاگ گئے' }), lang, 'report-photo');
  assertAsks(await chat.say({ choice: 'skip' }), lang, 'report-anonymous');
  const confirm = await chat.say({ text: 'جی ہاں' });
  assert.ok(confirm.text.includes(tr(lang, 'category-mobile-snatching')), confirm.text);
  assert.ok(confirm.text.includes('کورنگی'));
  const receipt = await chat.say({ choice: 'submit' });
  assert.ok(receipt.text.includes(opening(lang, 'report-created-anonymous')), receipt.text);
  const reference = REFERENCE.exec(receipt.text)?.[0];
  const pin = /^(\d{6})$/m.exec(receipt.text)?.[1];
  assert.ok(reference && pin, `reference and PIN in:\n${receipt.text}`);

  const [row] = await app.db.query<{ resident_id: string | null; anonymous: boolean; category: string; area_id: string; pin_hash: string }>(
    'select resident_id, anonymous, category, area_id, pin_hash from reports where reference = $1',
    [reference],
  );
  assert.deepEqual(
    { resident: row?.resident_id, anonymous: row?.anonymous, category: row?.category, area: row?.area_id },
    { resident: null, anonymous: true, category: 'mobile-snatching', area: 'korangi' },
  );
  assert.ok(row?.pin_hash && !row.pin_hash.includes(pin), 'the PIN is stored only as a hash');

  // Check the status: menu → check a report → reference → PIN.
  const menuAgain = await chat.say({ text: 'مینو' });
  assertAsks(await chat.say({ choice: choiceId(menuAgain, lang, 'menu-status') }), lang, 'status-reference');
  assertAsks(await chat.say({ text: reference.toLowerCase().replaceAll('-', ' ') }), lang, 'status-pin');
  const wrong = await chat.say({ text: pin === '000000' ? '111111' : '000000' });
  assert.ok(wrong.text.includes(tr(lang, 'status-no-match')), wrong.text);
  assertAsks(await chat.say({ text: reference }), lang, 'status-pin');
  const status = await chat.say({ text: pin });
  assert.ok(status.text.includes(reference), status.text);
  assert.ok(status.text.includes(tr(lang, 'status-received')), status.text);
});

test('a resident reports a vehicle theft in Sindhi with a misspelt area and a shared location, then checks it without a PIN', async (t) => {
  const { url, app } = await startTestApp(t);
  const chat = new ChatClient(url, 'sindhi-resident-1');
  const lang = 'sd';
  const menu = await chooseLanguage(chat, lang);

  const category = await chat.say({ choice: choiceId(menu, lang, 'menu-report') });
  assertAsks(await chat.say({ choice: choiceId(category, lang, 'category-vehicle-theft') }), lang, 'report-area');
  const didYouMean = await chat.say({ text: 'gulshn iqbl' });
  assertAsks(didYouMean, lang, 'area-did-you-mean');
  assert.equal(didYouMean.choices?.[0]?.id, 'gulshan-e-iqbal', JSON.stringify(didYouMean.choices));
  assertAsks(await chat.say({ text: '1' }), lang, 'report-place');
  assertAsks(await chat.say({ location: { lat: 24.9215, lng: 67.0934 } }), lang, 'report-when');
  assertAsks(await chat.say({ text: tr(lang, 'when-yesterday') }), lang, 'report-description');
  assertAsks(await chat.say({ text: 'مارڪيٽ جي ٻاهران بيٺل موٽر سائيڪل چوري ٿي وئي' }), lang, 'report-photo');
  assertAsks(await chat.say({ text: 'ڇڏيو' }), lang, 'report-anonymous');
  const confirm = await chat.say({ text: 'نه' });
  assert.ok(confirm.text.includes('24.92150, 67.09340'), confirm.text);
  assert.ok(confirm.text.includes(tr(lang, 'when-yesterday')), confirm.text);
  const receipt = await chat.say({ choice: 'submit' });
  assert.ok(receipt.text.includes(opening(lang, 'report-created')), receipt.text);
  const reference = REFERENCE.exec(receipt.text)?.[0];
  assert.ok(reference);

  const [row] = await app.db.query<{ resident_id: string | null; lat: number; area_id: string; occurred_text: string }>(
    'select resident_id, lat, area_id, occurred_text from reports where reference = $1',
    [reference],
  );
  assert.ok(row?.resident_id, 'a named report keeps its reporter');
  assert.equal(row?.area_id, 'gulshan-e-iqbal');
  assert.equal(row?.lat, 24.9215);
  assert.equal(row?.occurred_text, 'yesterday');

  const menuAgain = await chat.say({ text: '0' });
  await chat.say({ choice: choiceId(menuAgain, lang, 'menu-status') });
  const status = await chat.say({ text: reference });
  assert.ok(status.text.includes(tr(lang, 'status-received')), status.text);
});

test('a resident reports a car theft in English, picking the area by district, and cannot see someone else’s report', async (t) => {
  const { url } = await startTestApp(t);
  const chat = new ChatClient(url, 'english-resident-1');
  const lang = 'en';
  const menu = await chooseLanguage(chat, lang);

  assertAsks(await chat.say({ choice: choiceId(menu, lang, 'menu-report') }), lang, 'report-category');
  const area = await chat.say({ text: 'car theft' });
  assertAsks(area, lang, 'report-area');
  const towns = await chat.say({ choice: 'south' });
  assertAsks(towns, lang, 'area-pick-town');
  assert.ok(towns.choices?.some((c) => c.id === 'saddar'));
  assertAsks(await chat.say({ choice: 'saddar' }), lang, 'report-place');
  assertAsks(await chat.say({ text: 'Near Empress Market' }), lang, 'report-when');
  assertAsks(await chat.say({ text: 'last night around 11' }), lang, 'report-description');
  assertAsks(await chat.say({ text: 'White car taken from outside the shop' }), lang, 'report-photo');
  assertAsks(await chat.say({ text: 'skip' }), lang, 'report-anonymous');
  const confirm = await chat.say({ text: 'no' });
  assert.ok(confirm.text.includes(tr(lang, 'category-vehicle-theft')) && confirm.text.includes('Saddar') && confirm.text.includes('last night around 11'), confirm.text);
  const receipt = await chat.say({ text: '1' });
  const reference = REFERENCE.exec(receipt.text)?.[0];
  assert.ok(reference, receipt.text);

  // Another resident with the same reference learns nothing about it.
  const other = new ChatClient(url, 'english-resident-2');
  const otherMenu = await chooseLanguage(other, lang);
  await other.say({ choice: choiceId(otherMenu, lang, 'menu-status') });
  // It asks for a PIN as for any reference that is not the resident's own named report, then says no more.
  assertAsks(await other.say({ text: reference }), lang, 'status-pin');
  const notFound = await other.say({ text: '123456' });
  assert.ok(notFound.text.includes(tr(lang, 'status-no-match')), notFound.text);
});

test('the police update and close a named report: the reporter is told, then asked for feedback', async (t) => {
  const { url, app } = await startTestApp(t);
  const chat = new ChatClient(url, 'feedback-resident-1');
  const lang = 'ur';
  await chooseLanguage(chat, lang);
  for (const answer of [{ choice: 'report' }, { choice: 'harassment' }, { text: 'ملیر' }, { choice: 'skip' }, { choice: 'today' }, { text: 'راستے میں روزانہ تنگ کیا جاتا ہے' }, { choice: 'skip' }, { choice: 'no' }]) {
    await chat.say(answer);
  }
  const receipt = await chat.say({ choice: 'submit' });
  const reference = REFERENCE.exec(receipt.text)?.[0] ?? '';

  const { changeReportStatus } = await import('../src/officers/report-status.ts');
  const note = 'ایس ایچ او ملیر نے معاملہ دیکھ لیا ہے';
  assert.deepEqual(await changeReportStatus(app.db, app.inbox, { reference, status: 'in-review', note, isPublic: true, actor: 'test' }), { notified: true });
  const update = await chat.next();
  assert.ok(update.text.includes(reference) && update.text.includes(tr(lang, 'status-in-review')), update.text);
  assert.ok(update.text.includes(note), update.text);

  await changeReportStatus(app.db, app.inbox, { reference, status: 'closed', note: null, isPublic: true, actor: 'test' });
  const closed = await chat.next();
  assert.ok(closed.text.includes(reference) && closed.text.includes(tr(lang, 'feedback-rating')), closed.text);
  assertAsks(await chat.say({ choice: '4' }), lang, 'feedback-again');
  assertAsks(await chat.say({ text: 'جی ہاں' }), lang, 'feedback-thanks');
  const feedback = await app.db.query('select area_id, category, rating, would_report_again from feedback');
  assert.deepEqual(feedback, [{ area_id: 'malir', category: 'harassment', rating: 4, would_report_again: true }]);
});

test('a report in progress survives three answers not understood and "menu" in the middle', async (t) => {
  const { url, app } = await startTestApp(t);
  const chat = new ChatClient(url, 'draft-resident-1');
  const lang = 'ur';
  const menu = await chooseLanguage(chat, lang);
  await chat.say({ choice: choiceId(menu, lang, 'menu-report') });
  assertAsks(await chat.say({ choice: 'mugging' }), lang, 'report-area');
  // The area among other words: the whole answer is the place, so "where exactly" is not asked.
  assertAsks(await chat.say({ text: 'Gulshan block 7 Disco Bakery ke paas' }), lang, 'report-when');
  assertAsks(await chat.say({ choice: 'just-now' }), lang, 'report-description');
  assertAsks(await chat.say({ text: 'دو لڑکے موٹر سائیکل پر آئے اور پرس چھین کر بھاگ گئے' }), lang, 'report-photo');
  assertAsks(await chat.say({ text: 'nahi' }), lang, 'report-anonymous');

  for (const [i, text] of ['shayad', 'پتا نہیں', 'kya matlab?'].entries()) {
    const again = await chat.say({ text });
    assertAsks(again, lang, 'hint-yesno');
    assert.equal(again.text.includes(tr(lang, 'not-understood-kept')), i > 0, again.text);
    assertAsks(again, lang, 'report-anonymous');
    assert.deepEqual(again.choices?.map((c) => c.id), ['yes', 'no'], 'the choices come again');
  }
  const leave = await chat.say({ text: 'مینو' });
  assertAsks(leave, lang, 'report-leave');
  assertAsks(await chat.say({ text: 'نہیں' }), lang, 'report-anonymous');

  const confirm = await chat.say({ text: 'جی' });
  for (const part of [tr(lang, 'category-mugging'), 'گلشن اقبال', 'Gulshan block 7 Disco Bakery ke paas', 'پرس چھین کر']) {
    assert.ok(confirm.text.includes(part), `"${part}" in:\n${confirm.text}`);
  }
  const receipt = await chat.say({ choice: 'submit' });
  const reference = REFERENCE.exec(receipt.text)?.[0];
  assert.ok(reference, receipt.text);
  const [row] = await app.db.query<{ category: string; area_id: string; place: string; description: string; anonymous: boolean }>(
    'select category, area_id, place, description, anonymous from reports where reference = $1',
    [reference],
  );
  assert.deepEqual(row, {
    category: 'mugging',
    area_id: 'gulshan-e-iqbal',
    place: 'Gulshan block 7 Disco Bakery ke paas',
    description: 'دو لڑکے موٹر سائیکل پر آئے اور پرس چھین کر بھاگ گئے',
    anonymous: true,
  });
});
