import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { createAccount } from '../src/officers/accounts.ts';
import { ROOT } from '../src/paths.ts';
import { listTips } from '../src/store/tips.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { REPORT_SCRIPT } from './helpers/report-script.ts';
import { launchBrowser, NO_BROWSER, PHONE, screenshotDir } from './helpers/browser.ts';

/** Where the screenshots go, for a person to look at: every page of the console, on a phone. */
const SCREENSHOTS = screenshotDir('console');
const PASSWORD = 'a long test password';
const catalog = loadCatalog(join(ROOT, 'locales'));
const en = (key: string, args?: Record<string, string | number>) => catalog.format('en', key, args);
/** What a resident might type to attack the officers' browsers. */
const PAYLOAD = `<img src=x onerror="window.__attacked=1"><script>window.__attacked=2</script>`;

/** Files a named report through the web chat's API and returns its reference. */
async function fileReport(chat: ChatClient, description: string): Promise<string> {
  let last = '';
  for (const turn of REPORT_SCRIPT) {
    const reply = await chat.say('text' in turn && turn.text === 'two men on a motorcycle took my phone' ? { text: description } : turn);
    last = reply.text;
  }
  const reference = /KHI-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(last)?.[0];
  assert.ok(reference, `the last reply gives a reference: ${last}`);
  return reference;
}

/** The web chat page of a resident, as their browser shows it. */
async function openChat(browser: Browser, url: string, resident: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  await context.addInitScript((id) => {
    localStorage.setItem('mohalla-resident', id);
    localStorage.setItem('mohalla-started', '1');
    localStorage.setItem('mohalla-ui', 'en');
  }, resident);
  const page = await context.newPage();
  await page.goto(`${url}/chat/`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

test(
  'in a browser, an officer logs in, handles a report filed in the web chat and answers an escalation, and the resident sees both',
  { skip: NO_BROWSER },
  async (t) => {
    const { app, url } = await startTestApp(t, { OFFICE_HOURS: 'always' });
    await createAccount(app.db, app.flows.areas, { username: 'sana', name: 'Sana Baig', role: 'admin', areas: [], password: PASSWORD });

    // Two residents report through the web chat; one types a script into the description.
    const resident = new ChatClient(url, 'console-test-resident-1');
    const reference = await fileReport(resident, 'two men on a motorcycle took my phone near the bus stop');
    const attacker = new ChatClient(url, 'console-test-resident-2');
    const hostile = await fileReport(attacker, PAYLOAD);

    const browser = await launchBrowser(t);
    const chat = await openChat(browser, url, resident.resident);
    await chat.getByText('took my phone near the bus stop').first().waitFor();

    const officer = await (await browser.newContext({ viewport: PHONE, locale: 'en-GB' })).newPage();
    const errors: string[] = [];
    officer.on('pageerror', (error) => errors.push(error.message));
    await officer.goto(`${url}/console/`);
    // The first visit is in Urdu, right to left.
    await officer.locator('#login').waitFor();
    assert.equal(await officer.evaluate(() => document.documentElement.dir), 'rtl');
    await shot(officer, '01-login-ur');
    await officer.locator('#language').selectOption('en');
    await officer.getByLabel(en('console-username')).fill('sana');
    await officer.getByLabel(en('console-password')).fill(PASSWORD);
    await officer.getByRole('button', { name: en('console-login') }).click();

    // The reports desk lists both, newest first.
    const rows = officer.locator('table tbody tr');
    await rows.first().waitFor();
    assert.deepEqual(await officer.locator('table tbody .reference').allTextContents(), [hostile, reference]);
    await shot(officer, '02-reports');

    // The report's page: what the resident gave, then a status change the resident hears about.
    await officer.getByRole('link', { name: reference }).click();
    await officer.locator('#report-facts').getByText('took my phone near the bus stop').waitFor();
    await shot(officer, '03-report');
    await officer.locator('#status-form select[name=status]').selectOption('in-review');
    await officer.locator('#status-form textarea[name=note]').fill('An officer from Korangi station is on it.');
    await officer.locator('#status-form button[type=submit]').click();
    await officer.locator('#notice').getByText(en('console-notified')).waitFor();
    await officer.locator('#timeline').getByText('An officer from Korangi station is on it.').waitFor();
    await chat.locator('.bubble.bot').getByText('An officer from Korangi station is on it.').waitFor();
    await chat.locator('.bubble.bot').getByText(en('status-in-review')).waitFor();
    await shot(chat, '04-resident-told-of-status');

    // A description that is a script shows as text and runs nothing.
    await officer.goto(`${url}/console/#/report/${hostile}`);
    await officer.locator('#report-facts').getByText(PAYLOAD).waitFor();
    assert.equal(await officer.evaluate(() => (window as unknown as { __attacked?: number }).__attacked), undefined);
    assert.equal(await officer.locator('#report-facts img, #report-facts script').count(), 0);
    await shot(officer, '05-report-with-script-payload');

    // The resident asks for an officer; the escalation appears in the inbox while the officer watches.
    await officer.getByRole('link', { name: en('console-nav-inbox') }).click();
    await officer.getByText(en('console-inbox-empty')).waitFor();
    await resident.say({ text: 'officer' });
    await resident.say({ text: 'Korangi' });
    await resident.say({ text: 'Drugs are sold outside the school every evening.' });
    const row = officer.locator('#escalations tbody tr');
    await row.getByText(en('console-conversation-open')).waitFor();
    await shot(officer, '06-inbox');
    await row.getByRole('link', { name: en('console-open') }).click();
    await officer.locator('#transcript').getByText('Drugs are sold outside the school every evening.').waitFor();
    await officer.getByRole('button', { name: en('console-claim') }).click();
    await officer.locator('#reply-form').waitFor();
    // A ready answer in the resident's language fills the box; the officer sends it.
    await officer.getByRole('button', { name: en('canned-2') }).click();
    assert.equal(await officer.locator('#reply-text').inputValue(), en('canned-2'));
    await officer.locator('#reply-form button[type=submit]').click();
    await chat.locator('.bubble.bot').getByText(en('canned-2')).waitFor();
    await chat.locator('.bubble.bot').getByText('Liaison officer Sana Baig:').waitFor();
    await shot(chat, '07-resident-gets-reply');

    // The resident's answer goes to the officer, not to the menu.
    await chat.locator('#text').fill('Behind the government school on street 4.');
    await chat.locator('#send').click();
    await officer.locator('#transcript').getByText('Behind the government school on street 4.').waitFor({ timeout: 15_000 });
    await shot(officer, '08-conversation');

    // Closing asks the resident how they were treated.
    await officer.locator('#close-conversation').click();
    await chat.locator('.bubble.bot').getByText(en('officer-feedback')).waitFor();
    await shot(chat, '09-resident-asked-for-feedback');

    // The safety tips: the first city-wide tip on phone snatching, edited; Urdu and Sindhi right to left.
    await officer.goto(`${url}/console/#/tips?topic=phone&area=city`);
    const tip = officer.locator('#tips form.tip').first();
    await tip.locator('textarea[name=en]').waitFor();
    assert.equal(await tip.locator('textarea[name=sd]').getAttribute('dir'), 'rtl');
    await tip.locator('textarea[name=en]').fill('Keep your phone in an inside pocket near signals.');
    await tip.getByRole('button', { name: en('console-save') }).click();
    await officer.locator('#notice').getByText(en('console-saved')).waitFor();
    await tip.locator('textarea[name=en]').waitFor();
    assert.equal(await tip.locator('textarea[name=en]').inputValue(), 'Keep your phone in an inside pocket near signals.');
    assert.equal((await listTips(app.db, { topic: 'phone', areaId: null }))[0]?.texts.en, 'Keep your phone in an inside pocket near signals.');
    await shot(officer, '40-tips');

    await officer.goto(`${url}/console/#/accounts`);
    await officer.locator('#new-account').waitFor();
    await shot(officer, '10-accounts');
    await officer.goto(`${url}/console/#/audit`);
    await officer.getByText('escalation.reply').first().waitFor();
    await shot(officer, '11-audit');
    await officer.locator('#language').selectOption('ur');
    await officer.goto(`${url}/console/#/reports`);
    await officer.locator('table tbody tr').first().waitFor();
    assert.equal(await officer.evaluate(() => document.documentElement.dir), 'rtl');
    await shot(officer, '12-reports-ur');
    await officer.goto(`${url}/docs`);
    await officer.getByText('/api/reports/{reference}/status').first().waitFor();
    await shot(officer, '13-api-docs');
    assert.deepEqual(errors, [], 'the console page raised no errors');
  },
);
