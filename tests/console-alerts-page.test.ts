import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount } from '../src/officers/accounts.ts';
import { fakeChannel, seedResidents, startSender } from './helpers/alerts.ts';
import { startTestApp } from './helpers/app.ts';
import { launchBrowser, NO_BROWSER, PHONE, screenshotDir } from './helpers/browser.ts';

const SCREENSHOTS = screenshotDir('console');
const PASSWORD = 'a long test password';
const URDU = 'کورنگی نمبر 5 میں آج رات 10 بجے سے صبح تک مرکزی سڑک بند رہے گی۔ متبادل راستہ اختیار کریں۔';
const ENGLISH = 'The main road in Korangi No. 5 is closed from 10 pm tonight until morning. Please take another route.';

/** Takes a screenshot, after checking that nothing sticks out sideways on the phone's screen. */
async function shot(page: Page, name: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${name}: the page is ${width}px wide on a ${PHONE.width}px phone`);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

test(
  'in a browser, an officer previews an alert in each language, sends it to an area, watches the figures arrive live, and cancels a scheduled one',
  { skip: NO_BROWSER },
  async (t) => {
    const { app, url, vars } = await startTestApp(t);
    const { catalog } = app;
    await createAccount(app.db, app.flows.areas, { username: 'asif', name: 'Asif Khan', role: 'officer', areas: ['korangi-district'], password: PASSWORD });
    // Three residents of Korangi (one in each language) and one of Malir, who must get nothing.
    await seedResidents(app, [
      { language: 'ur', areas: ['korangi'] },
      { language: 'sd', areas: ['korangi'] },
      { language: 'en', areas: ['korangi'] },
      { language: 'ur', areas: ['malir'] },
    ]);
    const channel = fakeChannel('telegram');
    const sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel);
    t.after(() => sender.close());

    const browser = await launchBrowser(t);
    const page = await (await browser.newContext({ viewport: PHONE, locale: 'en-GB' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}/console/`);
    await page.locator('#login input[name=username]').fill('asif');
    await page.locator('#login input[name=password]').fill(PASSWORD);
    await page.locator('#login button[type=submit]').click();
    await page.locator('#nav').getByRole('link', { name: catalog.format('ur', 'console-alerts-nav') }).click();

    // The form, in Urdu: an officer of Korangi district may choose it or its areas, never the city or elsewhere.
    const form = page.locator('#alert-form');
    await form.waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await form.locator('input[name=target][value=city]').count(), 0);
    assert.equal(await form.locator('input[name=area][value=saddar]').count(), 0);
    assert.equal(await form.locator('textarea[name=ur]').getAttribute('dir'), 'rtl');
    assert.equal(await form.locator('textarea[name=sd]').getAttribute('dir'), 'rtl');
    await form.locator('textarea[name=ur]').fill(URDU);
    await form.locator('textarea[name=en]').fill(ENGLISH);
    await form.locator('select[name=topic]').selectOption('roads');
    await form.locator('input[name=target][value=areas]').check();
    await form.locator('input[name=area][value=korangi]').check();
    await shot(page, '20-alerts-compose');

    // The preview shows each language as it will be sent, and says Sindhi readers get the Urdu text.
    await page.locator('#alert-preview-button').click();
    await page.locator('#alert-warnings').getByText(catalog.format('ur', 'console-alerts-missing-sd-ur')).waitFor();
    const previewed = Object.fromEntries(
      await Promise.all(['ur', 'sd', 'en'].map(async (lang) => [lang, await page.locator(`.alert-message[data-lang=${lang}] .alert-bubble`).textContent()])),
    ) as Record<string, string>;
    assert.ok(previewed.sd?.includes(URDU) && previewed.en?.includes(ENGLISH), JSON.stringify(previewed));
    await shot(page, '21-alerts-preview');

    // Sent: the figures come in live, without the page being loaded again.
    await page.evaluate(() => {
      (window as unknown as { __stayed: boolean }).__stayed = true;
    });
    await page.locator('#alert-send').click();
    await page.locator('#notice').getByText(catalog.format('ur', 'console-alerts-going-out')).waitFor();
    const row = page.locator('#alerts-list tbody tr').first();
    await row.locator('[data-figure=sent]', { hasText: /^3$/ }).waitFor({ timeout: 60_000 });
    await page.locator('#alerts-list tr[data-status=sent]').waitFor();
    assert.equal(await row.locator('[data-figure=targeted]').textContent(), '3');
    assert.equal(await row.locator('.cancel-alert').count(), 0, 'nothing left to cancel');
    assert.equal(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed), true, 'the page was not reloaded');
    // Each resident got exactly what the preview showed for their language.
    assert.deepEqual(
      channel.sent.map((s) => [s.address, s.text]).sort(),
      [
        ['chat-0', previewed.ur],
        ['chat-1', previewed.sd],
        ['chat-2', previewed.en],
      ],
    );
    await page.locator('#language').selectOption('en');
    await page.locator('#alerts-list [data-figure=sent]', { hasText: /^3$/ }).waitFor();
    await shot(page, '22-alerts-progress');

    // One for tomorrow evening, Karachi time, cancelled before it goes out.
    const tomorrow = new Date(Date.now() + 86_400_000 + 5 * 3_600_000).toISOString().slice(0, 11);
    await form.locator('textarea[name=en]').fill('Open day at Korangi police station tomorrow.');
    await form.locator('input[name=target][value=districts]').check();
    await form.locator('input[name=district][value=korangi-district]').check();
    await form.locator('input[name=when][value=later]').check();
    await form.locator('input[name=sendAt]').fill(`${tomorrow}18:30`);
    await page.locator('#alert-send').click();
    const scheduled = page.locator('#alerts-list tr[data-status=scheduled]');
    await scheduled.waitFor();
    const [stored] = await app.db.query<{ sendAt: Date }>(`select send_at as "sendAt" from broadcasts where status = 'scheduled'`);
    assert.equal(stored?.sendAt.toISOString(), new Date(`${tomorrow}18:30:00+05:00`).toISOString());
    await scheduled.locator('.cancel-alert').click();
    await page.locator('#notice').getByText(catalog.format('en', 'console-alerts-cancelled')).waitFor();
    await page.locator('#alerts-list tr[data-status=cancelled]').waitFor();
    assert.equal(channel.sent.length, 3, 'the cancelled alert reached nobody');
    assert.deepEqual(errors, [], 'the console page raised no errors');
  },
);
