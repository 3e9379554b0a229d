import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import type { Page } from 'playwright-core';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { startTestApp } from './helpers/app.ts';
import { launchBrowser, NO_BROWSER, screenshotDir } from './helpers/browser.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
/** Where the screenshots go, to be looked at by a person: how Urdu and Sindhi read on a phone. */
const SCREENSHOTS = screenshotDir();
const PHONE = { width: 360, height: 740 };


/** The program on loopback and a phone-sized browser page at `path` of it, both closed after the test. */
async function openOnPhone(t: TestContext, path: string, settings: Record<string, string> = {}): Promise<Page> {
  const { url } = await startTestApp(t, settings);
  const browser = await launchBrowser(t);
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  await page.goto(`${url}${path}`);
  return page;
}

/** Where the last bot message ends, against the bottom of the scrolled list and the top of the choices under it. */
async function lastMessageEdges(page: Page): Promise<{ message: number; list: number; choices: number }> {
  // Two frames: whatever the page does about a new message and its choices is laid out by then.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  // Written without inner functions: the page runs this source as it is, without the test's compiler helpers.
  return page.evaluate(() => ({
    message: [...document.querySelectorAll('.bubble.bot')].at(-1)?.getBoundingClientRect().bottom ?? Number.NaN,
    list: document.querySelector('#messages')?.getBoundingClientRect().bottom ?? Number.NaN,
    choices: document.querySelector('#choices')?.getBoundingClientRect().top ?? Number.NaN,
  }));
}

async function assertLastMessageVisible(page: Page, where: string): Promise<void> {
  const edges = await lastMessageEdges(page);
  assert.ok(edges.message <= edges.list + 0.5 && edges.message <= edges.choices + 0.5, `${where}: the end of the last message is hidden (${JSON.stringify(edges)})`);
}

test(
  'in a browser on a phone, a resident picks Urdu, reads right-to-left replies, starts a report and sees the end of the last message above the choices',
  { skip: NO_BROWSER },
  async (t) => {
    const page = await openOnPhone(t, '/chat/?start=area-korangi');

    // First visit: the bot asks for the language in all three languages, with buttons.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    assert.equal(await page.locator('#send').textContent(), catalog.format('en', 'web-send'));
    await page.getByRole('button', { name: '1. اردو' }).click();
    const menu = page.locator('.bubble.bot').last();
    await menu.getByText(catalog.format('ur', 'menu-prompt')).waitFor();
    assert.equal(await menu.evaluate((el) => getComputedStyle(el).direction), 'rtl', 'Urdu replies are laid out right to left');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await page.locator('#send').textContent(), catalog.format('ur', 'web-send'), 'the page follows the chosen language');
    const faces = await page.evaluate(async () => (await document.fonts.load('16px "Noto Naskh Arabic"', 'ڪ ۾ ٻ')).length);
    assert.ok(faces >= 1, 'the bundled font is served and covers Sindhi letters');

    await page.getByRole('button', { name: `1. ${catalog.format('ur', 'menu-report')}` }).click();
    await page.locator('.bubble.bot').last().getByText(catalog.format('ur', 'report-category')).waitFor();
    await page.locator('#text').fill('۱');
    await page.locator('#send').click();
    // The poster link preset Korangi, so it is offered first.
    await page.locator('.bubble.bot').last().getByText(catalog.format('ur', 'report-area').slice(0, 20)).waitFor();
    const first = page.locator('#choices button').first();
    assert.equal(await first.textContent(), '1. کورنگی');
    assert.equal(await page.locator('#choices button').nth(1).textContent(), '2. ضلع جنوبی (صدر، کلفٹن، لیاری)');
    await assertLastMessageVisible(page, 'Urdu, area question with eight choices');
    // A long message (the emergency numbers, then the question again) stays readable above the choices too.
    await page.locator('#text').fill('بچاؤ');
    await page.locator('#send').click();
    await page.locator('.bubble.bot').last().getByText(catalog.format('ur', 'report-area').slice(0, 20)).waitFor();
    await assertLastMessageVisible(page, 'Urdu, emergency numbers and the area question');
    await page.screenshot({ path: join(SCREENSHOTS, 'ur-area-question.png') });
    // And the whole emergency message, scrolled back to its start, to read how the numbers sit in Urdu.
    await page.locator('.bubble.bot').last().evaluate((bubble) => bubble.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'ur-emergency-message.png') });
    t.diagnostic(`screenshots in ${SCREENSHOTS}`);

    // The page's own labels follow the chosen interface language.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    assert.equal(await page.locator('#send').textContent(), catalog.format('en', 'web-send'));
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  },
);

test(
  'in a browser on a phone, a Sindhi resident reads the district list and the last message stays above the choices',
  { skip: NO_BROWSER },
  async (t) => {
    const page = await openOnPhone(t, '/chat/');
    await page.getByRole('button', { name: '2. سنڌي' }).click();
    await page.locator('.bubble.bot').last().getByText(catalog.format('sd', 'menu-prompt')).waitFor();
    await page.getByRole('button', { name: `1. ${catalog.format('sd', 'menu-report')}` }).click();
    await page.getByRole('button', { name: `3. ${catalog.format('sd', 'category-vehicle-snatching')}` }).click();
    await page.locator('.bubble.bot').last().getByText(catalog.format('sd', 'report-area').slice(0, 20)).waitFor();
    assert.equal(await page.locator('#choices button').first().textContent(), '1. ڪراچي ڏکڻ ضلعو (صدر، ڪلفٽن، لياري)');
    await assertLastMessageVisible(page, 'Sindhi, area question with the districts');
    await page.screenshot({ path: join(SCREENSHOTS, 'sd-districts.png') });

    await page.getByRole('button', { name: /^5\. ڪورنگي ضلعو/ }).click();
    await page.locator('.bubble.bot').last().getByText(catalog.format('sd', 'area-pick-town')).waitFor();
    assert.equal(await page.locator('#choices button').count(), 10);
    assert.equal(await page.locator('#choices button').last().textContent(), `10. ${catalog.format('sd', 'area-other-in-district')}`);
    await assertLastMessageVisible(page, 'Sindhi, ten areas of a district');
    await page.screenshot({ path: join(SCREENSHOTS, 'sd-district-areas.png') });
  },
);

test(
  'in a browser, typing stops at the longest text the server takes; a refused message is said in the page language and given back, a busy one sent again',
  { skip: NO_BROWSER },
  async (t) => {
    const page = await openOnPhone(t, '/chat/', { MAX_MESSAGE_CHARS: '120' });
    await page.getByRole('button', { name: '1. اردو' }).click();
    await page.locator('.bubble.bot').last().getByText(catalog.format('ur', 'menu-prompt')).waitFor();
    assert.equal(await page.locator('#text').evaluate((input: HTMLInputElement) => input.maxLength), 120);
    await page.locator('#text').pressSequentially('ا'.repeat(130));
    assert.equal((await page.locator('#text').inputValue()).length, 120);

    // A message the server refuses for good is said in Urdu and given back to send again.
    await page.route('**/chat/api/messages', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: '{"message":"bad"}' }), { times: 1 });
    await page.locator('#text').fill('میرا موبائل چھین لیا');
    await page.locator('#send').click();
    await page.locator('.notice').getByText(catalog.format('ur', 'web-not-sent')).waitFor();
    assert.equal(await page.locator('#text').inputValue(), 'میرا موبائل چھین لیا', 'the unsent text is given back to send again');
    await page.screenshot({ path: join(SCREENSHOTS, 'ur-not-sent.png') });

    // "Too many" (as the rate limit answers): the page says so once and sends it again by itself when told.
    await page.route('**/chat/api/messages', (route) => route.fulfill({ status: 429, headers: { 'retry-after': '1' }, contentType: 'application/json', body: '{"message":"slow down"}' }), { times: 1 });
    const answered = await page.locator('.bubble.bot').count();
    await page.locator('#send').click();
    await page.locator('.notice').getByText(catalog.format('ur', 'web-busy')).waitFor();
    await page.locator('.bubble.bot').nth(answered).waitFor();
    assert.equal(await page.locator('#text').inputValue(), '', 'nothing to type again');
  },
);
