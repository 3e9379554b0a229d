import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { App } from '../src/app.ts';
import { type Lang, LANGUAGES } from '../src/engine/types.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { CHROMIUM, launchBrowser, NO_BROWSER, screenshotDir } from './helpers/browser.ts';

const SCREENSHOTS = screenshotDir('figures');
const MIN_REPORTS = 3;

/**
 * Korangi: four reports this week, taken up after 2, 4 and 6 hours (one never), two acted on, one closed, and
 * one older report that does not count. Malir: two reports, fewer than the threshold.
 */
async function seedReports(app: App): Promise<void> {
  const reports: [string, string, number, string, [string, number][]][] = [
    ['KHI-TEST-0001', 'korangi', 2, 'closed', [['in-review', 2], ['action-taken', 5], ['closed', 30]]],
    ['KHI-TEST-0002', 'korangi', 1, 'in-review', [['in-review', 4]]],
    ['KHI-TEST-0003', 'korangi', 3, 'received', []],
    ['KHI-TEST-0004', 'landhi', 4, 'action-taken', [['action-taken', 6]]],
    ['KHI-TEST-0005', 'korangi', 10, 'closed', [['closed', 1]]],
    ['KHI-TEST-0006', 'malir', 1, 'received', []],
    ['KHI-TEST-0007', 'malir', 2, 'received', []],
  ];
  for (const [reference, area, daysAgo, status, events] of reports) {
    const [row] = await app.db.query<{ id: string }>(
      `insert into reports (reference, category, area_id, description, anonymous, language, status, created_at, updated_at)
       values ($1, 'mugging', $2, 'SECRET DESCRIPTION', false, 'ur', $3, now() - make_interval(days => $4), now()) returning id`,
      [reference, area, status, daysAgo],
    );
    for (const [eventStatus, hours] of events) {
      await app.db.query(
        `insert into report_events (report_id, status, actor, created_at)
         select id, $2, 'cli', created_at + make_interval(hours => $3) from reports where id = $1`,
        [row?.id, eventStatus, hours],
      );
    }
  }
}

const WORDS: Record<Lang, string> = { ur: 'mere ilaqe mein kya hua', sd: 'منهنجي علائقي ۾ ڇا ٿيو', en: 'what happened in my area' };

test('the bot tells a resident what happened in their area this week, in Urdu, Sindhi and English, and nothing below the threshold', async (t) => {
  const { app, url } = await startTestApp(t, { PUBLIC_FIGURES_MIN_REPORTS: String(MIN_REPORTS) });
  await seedReports(app);
  const format = (lang: Lang, key: string, args: Record<string, string | number> = {}) => app.catalog.format(lang, key, args);
  const name = (lang: Lang, id: string) => app.flows.areas.find((a) => a.id === id)?.names[lang] ?? id;
  for (const lang of LANGUAGES) {
    const resident = new ChatClient(url, `figures-${lang}-resident`);
    await resident.say({ start: `lang-${lang}` });
    assert.match((await resident.say({ text: WORDS[lang] })).text, new RegExp(format(lang, 'figures-area').slice(0, 12)));
    // Korangi alone: three reports this week, taken up after 2 and 4 hours (one not yet), one acted on and closed.
    const week = await resident.say({ text: 'korangi' });
    const expected = `${format(lang, 'figures-week', { area: name(lang, 'korangi'), received: 3, acted: 1, closed: 1 })}\n\n${format(lang, 'figures-median', { hours: 3 })}`;
    assert.equal(week.text, expected, lang);

    // Through the menu, for an area with too few reports.
    const menu = await resident.say({ text: 'menu' });
    const choice = menu.choices?.find((c) => c.label === format(lang, 'menu-figures'));
    assert.ok(choice, `menu entry in ${lang}`);
    await resident.say({ choice: choice.id });
    const few = await resident.say({ text: 'malir' });
    assert.equal(few.text, format(lang, 'figures-too-few', { area: name(lang, 'malir'), min_reports: MIN_REPORTS }));
  }
});

test('each area has a public page of its figures, right to left in Urdu and Sindhi, with no personal data and no figure below the threshold', async (t) => {
  const { app, url } = await startTestApp(t, { PUBLIC_FIGURES_MIN_REPORTS: String(MIN_REPORTS) });
  await seedReports(app);
  const en = await fetch(`${url}/figures/korangi-district?lang=en`);
  assert.equal(en.status, 200);
  const html = await en.text();
  assert.match(html, /<dt>Reports received<\/dt><dd>4<\/dd>/);
  assert.match(html, /<dt>Acted on by the police<\/dt><dd>2<\/dd>/);
  assert.match(html, /<dt>Closed<\/dt><dd>1<\/dd>/);
  assert.match(html, /<dd>4 hours<\/dd>/);
  assert.doesNotMatch(html, /KHI-TEST|SECRET DESCRIPTION|mugging/);
  const few = await (await fetch(`${url}/figures/malir?lang=ur`)).text();
  assert.doesNotMatch(few, /<dl>/);
  assert.ok(few.includes(app.catalog.format('ur', 'figures-page-too-few', { min_reports: MIN_REPORTS })));
  assert.equal((await fetch(`${url}/figures/nowhere`)).status, 404);
  assert.equal((await fetch(`${url}/figures/korangi?lang=fr`)).status, 400);

  if (NO_BROWSER) {
    t.diagnostic(`no browser at ${CHROMIUM}: the page was not looked at`);
    return;
  }
  const browser = await launchBrowser(t);
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  for (const lang of ['ur', 'sd'] as const) {
    await page.goto(`${url}/figures/korangi-district?lang=${lang}`);
    await page.evaluate(() => document.fonts.ready);
    const seen = await page.evaluate(() => ({
      dir: getComputedStyle(document.body).direction,
      figures: [...document.querySelectorAll('dd')].map((d) => d.textContent),
      font: document.fonts.check('16px "Noto Naskh Arabic"', 'ڪ'),
      overflow: document.documentElement.scrollWidth > window.innerWidth,
    }));
    assert.deepEqual(seen.figures.slice(0, 3), ['4', '2', '1'], lang);
    assert.equal(seen.dir, 'rtl', lang);
    assert.equal(seen.font, true, `${lang}: the Arabic-script font is loaded`);
    assert.equal(seen.overflow, false, `${lang}: nothing wider than the phone`);
    await page.screenshot({ path: join(SCREENSHOTS, `figures-${lang}.png`), fullPage: true });
  }
});
