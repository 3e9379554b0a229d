import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { alertProgress, sendAlert } from '../src/broadcasts/service.ts';
import { createAccount } from '../src/officers/accounts.ts';
import { openEscalations } from '../src/officers/liaison.ts';
import { ConsoleClient } from './helpers/console-client.ts';
import { privateChat } from './helpers/fake-telegram.ts';
import { startOnFakeTelegram } from './helpers/telegram-app.ts';
import { launchBrowser, NO_BROWSER, screenshotDir } from './helpers/browser.ts';

const SCREENSHOTS = screenshotDir('alert-replies');
const PASSWORD = 'a long test password';

interface Escalation {
  id: string;
  areaId: string;
  alert: { id: number; texts: Record<string, string> } | null;
}

test("on Telegram residents get the alerts they chose, and what they write back in their own words reaches the officers of the alert's area", async (t) => {
  const { fake, app } = await startOnFakeTelegram(t, { OFFICE_HOURS: 'always' }, 'silent');
  const chatId = 7301;
  const chat = privateChat(chatId);
  const { say, next } = fake.replies(chatId);
  const en = (key: string) => app.catalog.format('en', key);

  await say(chat.command('/start'));
  await say(chat.press('c:en'));
  await say(chat.press('c:alerts'));
  await say(chat.press('c:subscribe'));
  assert.match(await say(chat.text('korangi')), /Done\. You will get police alerts/);
  await say(chat.text('menu'));
  await say(chat.press('c:alerts'));
  assert.ok((await say(chat.press('c:settings'))).includes(en('alerts-topics-prompt')));
  assert.ok((await say(chat.press('c:choose'))).includes(en('alerts-topic-crime')));
  await say(chat.press('c:yes'));
  await say(chat.press('c:no'));
  await say(chat.press('c:no'));
  assert.ok((await say(chat.press('c:no'))).includes(en('alerts-cap-prompt')));
  assert.ok((await say(chat.press('c:cap-3'))).includes(en('alerts-quiet-prompt')));
  const saved = await say(chat.press('c:quiet-none'));
  assert.ok(saved.startsWith('Saved. Daily limit: 3 a day. Quiet hours: Any time is fine.'), saved);
  const [prefs] = await app.db.query<{ topics: string[]; cap: number; quiet: number | null }>(
    'select alert_topics as topics, alert_daily_cap as cap, quiet_from as quiet from residents where platform = $1',
    ['telegram'],
  );
  assert.deepEqual(prefs, { topics: ['crime'], cap: 3, quiet: null });

  const deps = { db: app.db, queues: app.queues, areas: app.flows.areas };
  const target = { districts: [], areas: ['korangi'] };
  const roads = await sendAlert(deps, { texts: { en: 'ROADS: Korangi road closed tonight.' }, target, topic: 'roads', createdBy: 'test' });
  const crime = await sendAlert(deps, { texts: { en: 'CRIME: snatchings near Korangi Crossing, keep phones out of sight.' }, target, topic: 'crime', createdBy: 'test' });
  const alert = await next();
  assert.match(alert, /^Police alert\n\nCRIME: snatchings/);
  // The roads alert's fan-out may still be counting when the crime alert arrives: its count is known once it is done.
  for (;;) {
    const p = await alertProgress(app.db, roads.broadcast.id);
    if (p?.targeted !== null && p?.targeted !== undefined) {
      assert.equal(p.targeted, 0, 'nobody who chose crime alerts only is targeted by a roads alert');
      break;
    }
    await sleep(50);
  }
  for (;;) {
    const p = await alertProgress(app.db, crime.broadcast.id);
    if (p?.sent === 1) break;
    await sleep(50);
  }

  // The resident asks for an officer after the alert: the conversation is marked as answering it.
  await say(chat.text('officer'));
  await say(chat.text('korangi'));
  await say(chat.text('Is it safe to walk there in the evening?'));
  const [conversation] = await app.db.query<{ broadcast: number; body: string }>(
    `select c.broadcast_id as broadcast, m.body from conversations c join conversation_messages m on m.conversation_id = c.id`,
  );
  assert.deepEqual(conversation, { broadcast: crime.broadcast.id, body: 'Is it safe to walk there in the evening?' });
  assert.equal(fake.sent(chatId).filter((call) => String(call.payload.text).includes('ROADS')).length, 0);

  // Two more residents, in Urdu and Sindhi, follow areas of Korangi district.
  const residents = [
    { chatId: 7302, lang: 'ur', area: 'landhi' },
    { chatId: 7303, lang: 'sd', area: 'korangi' },
  ] as const;
  const chats = residents.map((r) => ({ ...r, chat: privateChat(r.chatId), ...fake.replies(r.chatId) }));
  for (const r of chats) {
    await r.say(r.chat.command('/start'));
    await r.say(r.chat.press(`c:${r.lang}`));
    await r.say(r.chat.press('c:alerts'));
    await r.say(r.chat.press('c:subscribe'));
    await r.say(r.chat.text(r.area));
  }
  // The first resident is in the middle of the menu when the alert comes.
  assert.ok((await say(chat.text('menu'))).includes(en('menu-prompt')));

  const texts = {
    en: 'Two men on a black motorcycle are snatching phones near Landhi market. Tell us if you saw them.',
    ur: 'لانڈھی مارکیٹ کے پاس کالی موٹر سائیکل پر دو آدمی موبائل چھین رہے ہیں۔ اگر آپ نے انہیں دیکھا ہو تو ہمیں بتائیں۔',
    sd: 'لانڍي مارڪيٽ وٽ ڪاري موٽر سائيڪل تي ٻه ماڻهو موبائل کسي رهيا آهن. جيڪڏهن توهان انهن کي ڏٺو هجي ته اسان کي ٻڌايو.',
  };
  // The Sindhi resident's conversation was forgotten, as it is after a month of silence: the alert is kept all the same.
  await app.db.query(`update sessions set state = '{}', version = version + 1 where resident_id = (select id from residents where language = 'sd')`);
  const snatchers = await sendAlert(deps, { texts, target: { districts: ['korangi-district'], areas: [] }, topic: 'crime', createdBy: 'test' });
  const alertId = snatchers.broadcast.id;
  assert.ok((await next()).includes(texts.en));
  for (const r of chats) assert.ok((await r.next()).includes(texts[r.lang]));
  for (;;) {
    const p = await alertProgress(app.db, alertId);
    if (p?.sent === 3) break;
    await sleep(50);
  }

  // A command after the alert is still a command, a menu choice still a choice.
  assert.ok((await say(chat.text('menu'))).includes(en('menu-prompt')));
  assert.ok((await say(chat.press('c:tips'))).includes(en('tips-topic')));
  assert.ok((await say(chat.text('0'))).includes(en('menu-prompt')));

  // The Urdu resident answers in their own words: the officers get it, the resident is told so in Urdu.
  const [urdu, sindhi] = chats as [(typeof chats)[number], (typeof chats)[number]];
  const seen = 'ابھی آدھا گھنٹہ پہلے وہ دونوں مارکیٹ کے پیچھے والی گلی میں تھے، ایک نے لال ہیلمٹ پہنا تھا';
  const passed = await urdu.say(urdu.chat.text(seen));
  assert.ok(passed.includes('پولیس الرٹ پر آپ کا جواب لانڈھی کے رابطہ افسران تک پہنچا دیا گیا ہے'), passed);

  // The Sindhi resident's answer has an emergency word: the numbers come first, then the answer is passed on.
  const danger = 'مدد! اهي ٻئي هن وقت اسان جي گهٽي ۾ بيٺا آهن';
  const numbers = await sindhi.say(sindhi.chat.text(danger));
  const emergency = numbers.indexOf(app.catalog.format('sd', 'emergency', app.flows.constants as Record<string, string | number>).split('\n')[0] ?? '?');
  const acknowledged = numbers.indexOf('پوليس الرٽ تي توهان جو جواب ڪورنگي جي رابطا آفيسرن تائين پهچايو ويو آهي');
  assert.ok(emergency >= 0 && acknowledged > emergency, numbers);

  // A liaison officer of Korangi district sees both answers, marked with the alert; one of Malir sees neither.
  await createAccount(app.db, app.flows.areas, { username: 'liaison-korangi', name: 'Test liaison-korangi', role: 'liaison', areas: ['korangi-district'], password: PASSWORD });
  const korangi = new ConsoleClient(app.url ?? '');
  assert.equal(await korangi.login('liaison-korangi', PASSWORD), 200);
  const malir = { id: '00000000-0000-4000-8000-000000000000', username: 'liaison-malir', name: 'Test liaison-malir', role: 'liaison' as const, areas: ['malir-district'] };
  assert.equal((await openEscalations({ db: app.db, inbox: app.inbox, areas: app.flows.areas }, malir)).length, 0);
  const inbox = async (client: ConsoleClient) => ((await client.request('GET', '/api/escalations')).json as { escalations: Escalation[] }).escalations;
  const answers = (await inbox(korangi)).filter((e) => e.alert?.id === alertId);
  assert.deepEqual(answers.map((e) => e.areaId).sort(), ['korangi', 'landhi']);
  assert.deepEqual(answers[0]?.alert?.texts, texts);
  const landhi = answers.find((e) => e.areaId === 'landhi') as Escalation;
  const view = async () => (await korangi.request('GET', `/api/escalations/${landhi.id}`)).json as { escalation: Escalation; messages: { direction: string; body: string }[] };
  assert.deepEqual((await view()).messages.map((m) => m.body), [seen]);
  assert.equal((await view()).escalation.alert?.id, alertId);

  // The officer answers; the resident gets it on Telegram, and their next words go to the officer.
  assert.equal((await korangi.request('POST', `/api/escalations/${landhi.id}/claim`)).status, 200);
  assert.equal((await korangi.request('POST', `/api/escalations/${landhi.id}/replies`, { text: 'شکریہ، ٹیم روانہ کر دی گئی ہے۔ کیا وہ ابھی بھی وہیں ہیں؟' })).status, 200);
  const reply = await urdu.next();
  assert.ok(reply.includes('رابطہ افسر Test liaison-korangi:') && reply.includes('ٹیم روانہ کر دی گئی ہے'), reply);
  fake.push(urdu.chat.text('جی، ابھی بھی گلی کے کونے پر کھڑے ہیں'));
  for (;;) {
    if ((await view()).messages.length === 3) break;
    await sleep(50);
  }
  assert.deepEqual((await view()).messages.map((m) => m.direction), ['in', 'out', 'in']);

  // The English resident's answer joins the talk with the officers they already have open.
  const answer = 'The same two men passed our street ten minutes ago, going towards the bridge.';
  assert.ok((await say(chat.text(answer))).includes('Your answer to the police alert has been passed to the liaison officers for Korangi.'));
  const [talk] = await app.db.query<{ broadcast: number; bodies: string[] }>(
    `select c.broadcast_id as broadcast, array_agg(m.body order by m.id) as bodies from conversations c join conversation_messages m on m.conversation_id = c.id
     where c.area_id = 'korangi' and c.broadcast_id = $1 group by c.id`,
    [crime.broadcast.id],
  );
  assert.deepEqual(talk?.bodies, ['Is it safe to walk there in the evening?', answer]);

  // Once the time to answer is over, words lead to the menu as before and reach nobody.
  assert.ok((await say(chat.text('menu'))).includes(en('menu-prompt')));
  await app.db.query(
    `update sessions set state = jsonb_set(state, '{alert}', jsonb_build_object('id', $1::int, 'until', '2000-01-01T00:00:00.000Z')), version = version + 1
     where resident_id = (select id from residents where language = 'en')`,
    [alertId],
  );
  const late = await say(chat.text('I think I saw the same two men yesterday'));
  assert.ok(late.includes(en('menu-prompt')) && !late.includes('police alert'), late);
  const [{ n }] = (await app.db.query<{ n: number }>(
    `select count(*)::int as n from conversation_messages where body = 'I think I saw the same two men yesterday'`,
  )) as [{ n: number }];
  assert.equal(n, 0);

  // In the console, the inbox and the conversation show the alert the resident answered, in the officer's language.
  if (NO_BROWSER) return;
  const browser = await launchBrowser(t);
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${app.url}/console/`);
  await page.locator('#login').waitFor();
  await page.locator('#login input[name=username]').fill('liaison-korangi');
  await page.locator('#login input[name=password]').fill(PASSWORD);
  await page.locator('#login button[type=submit]').click();
  const label = app.catalog.format('ur', 'console-alert-reply-to');
  const row = page.locator('#escalations tbody tr').filter({ hasText: `${label} #${alertId}` });
  await row.first().getByText(texts.ur.slice(0, 40)).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, '01-inbox-ur.png'), fullPage: true });
  await page.goto(`${app.url}/console/#/inbox/${landhi.id}`);
  await page.locator('#alert-reply').getByText(texts.ur).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, '02-conversation-ur.png'), fullPage: true });
  await page.locator('#language').selectOption('en');
  await page.locator('#alert-reply').getByText(`#${alertId}: ${texts.en}`).waitFor();
});
