import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { startTestApp } from './helpers/app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const catalog = loadCatalog(join(ROOT, 'locales'));

test(
  'in a browser, a resident picks Urdu on the chat page, reads right-to-left replies and starts a report',
  { skip: !existsSync(CHROMIUM) && `no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` },
  async (t) => {
    const { url } = await startTestApp(t);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${url}/chat/?start=area-korangi`);

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

    // The page's own labels follow the chosen interface language.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    assert.equal(await page.locator('#send').textContent(), catalog.format('en', 'web-send'));
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  },
);
