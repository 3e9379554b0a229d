import assert from 'node:assert/strict';
import { test } from 'node:test';
import argon2 from 'argon2';
import { loadContent } from '../src/app.ts';
import { LANGUAGES } from '../src/engine/types.ts';
import { createLogger } from '../src/log.ts';
import { createAccount } from '../src/officers/accounts.ts';
import { insertReport } from '../src/store/reports.ts';
import { listTips, type Tip } from '../src/store/tips.ts';
import { createTipLibrary } from '../src/tips/library.ts';
import { seedTips } from '../src/tips/seed.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { ConsoleClient } from './helpers/console-client.ts';

const PASSWORD = 'correct horse battery';
const { catalog, tipSeed } = loadContent();
const log = createLogger({ level: 'silent', pretty: false });

/** A new resident of the web chat who picks a language, then the tips. */
async function tipsFor(url: string, resident: string, lang: (typeof LANGUAGES)[number]): Promise<ChatClient> {
  const chat = new ChatClient(url, resident);
  await chat.say({ start: '' });
  await chat.say({ choice: lang });
  const topics = await chat.say({ choice: 'tips' });
  assert.ok(topics.text.includes(catalog.format(lang, 'tips-topic')), topics.text);
  return chat;
}

test('the tips library is seeded once, served in every language with the area first, and edited through the API within roles and areas', async (t) => {
  const { app, url } = await startTestApp(t);
  const areas = app.flows.areas;

  // The first start copied every shipped tip, emergency numbers written in.
  const seeded = await listTips(app.db, {});
  assert.equal(seeded.length, [...tipSeed.values()].reduce((n, tips) => n + tips.length, 0));
  assert.ok(seeded.every((tip) => tip.updatedBy === 'seed' && tip.areaId === null));
  assert.ok(seeded.some((tip) => tip.topic === 'street' && tip.texts.en?.includes(`call ${app.flows.constants.police}`)));
  const phone = tipSeed.get('phone') ?? [];

  // The tips flow shows them in the resident's language, numbered, under the topic's name.
  for (const lang of LANGUAGES) {
    const chat = await tipsFor(url, `tips-resident-${lang}`, lang);
    const reply = await chat.say({ choice: 'phone' });
    assert.ok(reply.text.includes(catalog.format(lang, 'tips-topic-phone')), reply.text);
    for (const [i, tip] of phone.entries()) assert.ok(reply.text.includes(`${i + 1}. ${tip.texts[lang]}`), `${lang} tip ${i + 1} in:\n${reply.text}`);
    assert.ok(reply.text.includes(catalog.format(lang, 'tips-more')));
  }

  for (const [username, role, covered] of [
    ['admin', 'admin', []],
    ['officer-korangi', 'officer', ['korangi-district']],
    ['officer-malir', 'officer', ['malir-district']],
    ['liaison-korangi', 'liaison', ['korangi']],
  ] as const) {
    await createAccount(app.db, areas, { username, name: `Test ${username}`, role, areas: [...covered], password: PASSWORD });
  }
  const client = async (username: string) => {
    const c = new ConsoleClient(url);
    assert.equal(await c.login(username, PASSWORD), 200);
    return c;
  };
  const [admin, korangi, malir, liaison] = await Promise.all(['admin', 'officer-korangi', 'officer-malir', 'liaison-korangi'].map(client));
  assert.ok(admin && korangi && malir && liaison);

  const listed = await liaison.request('GET', '/api/tips?topic=phone&area=city');
  assert.equal(listed.status, 200);
  const cityPhone = listed.json as (Tip & { editable: boolean })[];
  assert.deepEqual(cityPhone.map((tip) => [tip.texts.en, tip.editable]), phone.map((tip) => [tip.texts.en, false]));
  assert.equal(((await liaison.request('GET', '/api/tips?topic=phone&lang=en')).json as Tip[]).length, phone.length);

  const areaTip = { topic: 'phone', areaId: 'korangi', texts: { ur: 'کورنگی میں چھیننے والے سنگر چورنگی کے سگنل پر انتظار کرتے ہیں۔', sd: 'ڪورنگيءَ ۾ کسيندڙ سنگر چورنگيءَ جي سگنل تي انتظار ڪندا آهن.' } };
  assert.equal((await liaison.request('POST', '/api/tips', areaTip)).status, 403, 'liaison officers only read');
  assert.equal((await korangi.request('POST', '/api/tips', { ...areaTip, areaId: null })).status, 403, 'officers leave city-wide tips to admins');
  assert.equal((await malir.request('POST', '/api/tips', areaTip)).status, 403, 'not in their areas');
  assert.equal((await korangi.request('POST', '/api/tips', areaTip, { csrf: false })).status, 403, 'no CSRF token');
  assert.equal((await korangi.request('POST', '/api/tips', { ...areaTip, texts: { en: 'x'.repeat(501) } })).status, 400, 'too long');
  assert.equal((await korangi.request('POST', '/api/tips', { ...areaTip, texts: { en: '  ' } })).status, 409, 'no text');
  const created = await korangi.request('POST', '/api/tips', areaTip);
  assert.equal(created.status, 201, created.text);
  const korangiTip = created.json as Tip;
  assert.equal((await malir.request('PATCH', `/api/tips/${korangiTip.id}`, { active: false })).status, 403);
  assert.equal((await korangi.request('PATCH', `/api/tips/${cityPhone[0]?.id}`, { texts: { en: 'mine now' } })).status, 403);

  const edited = { en: 'Keep your phone out of sight near signals and bus stops.', ur: 'سگنل اور بس اسٹاپ کے پاس فون نظر سے دور رکھیں۔', sd: 'سگنل ۽ بس اسٽاپ ويجهو فون نظرن کان پري رکو.' };
  const patched = await admin.request('PATCH', `/api/tips/${cityPhone[0]?.id}`, { texts: edited });
  assert.equal(patched.status, 200, patched.text);
  assert.equal((patched.json as Tip).updatedBy, 'admin');

  // Another process holding the library sees the edit once it next checks the library's version.
  let clock = 0;
  const other = createTipLibrary(areas, { now: () => clock });
  clock = 1;
  const before = await other.tips(app.db, 'phone', 'en', null);
  await admin.request('PATCH', `/api/tips/${cityPhone[1]?.id}`, { texts: { en: 'Second tip, changed.', ur: phone[1]?.texts.ur ?? '', sd: phone[1]?.texts.sd ?? '' } });
  assert.deepEqual(await other.tips(app.db, 'phone', 'en', null), before, 'within the check interval the copy stands');
  clock += 2_001;
  assert.equal((await other.tips(app.db, 'phone', 'en', null))[1], 'Second tip, changed.');

  // The next resident of Korangi, where phones are snatched most, gets the area's tip first, then the edited ones.
  await insertReport(app.db, {
    reference: 'KHI-0000-0001',
    category: 'mobile-snatching',
    areaId: 'korangi',
    place: null,
    lat: null,
    lng: null,
    occurredAt: null,
    occurredText: 'today',
    description: 'phone taken',
    media: [],
    anonymous: true,
    residentId: null,
    pinHash: await argon2.hash('123456'),
    language: 'ur',
  });
  const ur = await tipsFor(url, 'tips-resident-korangi', 'ur');
  await ur.say({ choice: 'my-area' });
  const trend = await ur.say({ text: 'Korangi' });
  assert.ok(trend.text.includes(`1. ${areaTip.texts.ur}\n2. ${edited.ur}`), trend.text);
  assert.ok(!trend.text.includes(phone[0]?.texts.ur ?? ''), 'the old text is gone');
  // In English the area's tip has no text: only the city-wide ones.
  const en = await tipsFor(url, 'tips-resident-korangi-en', 'en');
  await en.say({ choice: 'my-area' });
  assert.ok((await en.say({ text: 'Korangi' })).text.includes(`1. ${edited.en}\n2. Second tip, changed.`));

  // Hidden, removed, reordered; every change is in the audit log.
  assert.equal((await korangi.request('PATCH', `/api/tips/${korangiTip.id}`, { active: false })).status, 200);
  assert.equal((await admin.request('DELETE', `/api/tips/${cityPhone[3]?.id}`)).status, 200);
  const order = [cityPhone[2]?.id, cityPhone[1]?.id, cityPhone[0]?.id];
  assert.equal((await admin.request('PUT', '/api/tips/order', { ids: order })).status, 200);
  assert.equal((await admin.request('PUT', '/api/tips/order', { ids: [cityPhone[0]?.id, korangiTip.id] })).status, 409, 'one topic and area at a time');
  assert.deepEqual(((await admin.request('GET', '/api/tips?topic=phone&area=city')).json as Tip[]).map((tip) => tip.id), order);
  const later = await tipsFor(url, 'tips-resident-after', 'en');
  assert.ok((await later.say({ choice: 'phone' })).text.includes(`1. ${phone[2]?.texts.en}\n2. Second tip, changed.\n3. ${edited.en}\n`));
  const actions = ((await admin.request('GET', '/api/audit')).json as { action: string; target: string }[]).map((e) => `${e.action} ${e.target}`);
  for (const expected of [`tip.create ${korangiTip.id}`, `tip.change ${cityPhone[0]?.id}`, `tip.change ${korangiTip.id}`, `tip.delete ${cityPhone[3]?.id}`, 'tip.reorder phone']) {
    assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
  }

  // A later start leaves officers' work alone, even a topic they emptied; a topic shipped later is seeded.
  for (const tip of await listTips(app.db, { topic: 'cash' })) assert.equal((await admin.request('DELETE', `/api/tips/${tip.id}`)).status, 200);
  const edits = await listTips(app.db, {});
  await seedTips(app.db, tipSeed, log);
  assert.deepEqual(await listTips(app.db, {}), edits);
  await seedTips(app.db, new Map([...tipSeed, ['water', [{ areaId: null, texts: { en: 'Boil water.', ur: 'پانی ابال کر پئیں۔', sd: 'پاڻي اوٻاري پيئو.' } }]]]), log);
  assert.deepEqual((await listTips(app.db, {})).filter((tip) => !edits.some((e) => e.id === tip.id)).map((tip) => tip.topic), ['water']);
  const empty = await tipsFor(url, 'tips-resident-cash', 'sd');
  assert.ok((await empty.say({ choice: 'cash' })).text.includes(catalog.format('sd', 'tips-none')));
});
