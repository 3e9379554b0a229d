import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { App } from '../src/app.ts';
import type { Dashboard } from '../src/officers/dashboard.ts';
import { createAccount } from '../src/officers/accounts.ts';
import { addFeedback, addToConversation } from '../src/store/community.ts';
import type { TrustFigures } from '../src/store/dashboard.ts';
import { addOfficerReply } from '../src/store/escalations.ts';
import { createResident, loadByAddress } from '../src/store/turns.ts';
import { startTestApp } from './helpers/app.ts';
import { ConsoleClient } from './helpers/console-client.ts';
import { launchBrowser, NO_BROWSER, PHONE, screenshotDir } from './helpers/browser.ts';

const SCREENSHOTS = screenshotDir('console');
const PASSWORD = 'a long test password';
/** Three Karachi weeks, Monday to Sunday; the third has nothing in it. */
const SPAN = 'from=2026-01-05&to=2026-01-25';

/**
 * Reports as [reference, area, category, made (Karachi time), status now, [status, minutes later]…]. The first
 * is made half an hour into Monday in Karachi, still Sunday in UTC; the last falls in the week after the span.
 */
const REPORTS: [string, string, string, string, string, [string, number][]][] = [
  ['KHI-DASH-0001', 'korangi', 'burglary', '2026-01-05T00:30', 'received', []],
  ['KHI-DASH-0002', 'korangi', 'mugging', '2026-01-05T10:00', 'closed', [['in-review', 30], ['action-taken', 120], ['closed', 600]]],
  ['KHI-DASH-0003', 'malir', 'mugging', '2026-01-06T09:00', 'action-taken', [['action-taken', 60]]],
  ['KHI-DASH-0004', 'landhi', 'mobile-snatching', '2026-01-07T12:00', 'in-review', [['in-review', 90]]],
  ['KHI-DASH-0005', 'korangi', 'mugging', '2026-01-13T08:00', 'closed', [['closed', 240]]],
  ['KHI-DASH-0006', 'landhi', 'mugging', '2026-01-14T15:00', 'rejected', [['rejected', 20]]],
  ['KHI-DASH-0007', 'malir', 'burglary', '2026-01-15T10:00', 'closed', [['action-taken', 10], ['closed', 100]]],
  ['KHI-DASH-0008', 'korangi', 'mugging', '2026-01-26T01:00', 'received', []],
];
/** Residents asking for an officer: [area, when (Karachi), minutes to the first reply or null]. */
const CONVERSATIONS: [string, string, number | null][] = [
  ['korangi', '2026-01-06T10:00', 15],
  ['malir', '2026-01-07T10:00', 300],
  ['landhi', '2026-01-08T10:00', 45],
  ['korangi', '2026-01-13T10:00', null],
  ['malir', '2026-01-14T10:00', 5],
];
/** Feedback answers: [day, area, category, how they were treated (1–5), would report again]. */
const FEEDBACK: [string, string, string | null, number | null, boolean | null][] = [
  ['2026-01-08', 'korangi', 'mugging', 5, true],
  ['2026-01-09', 'landhi', 'mobile-snatching', 2, false],
  ['2026-01-10', 'malir', 'mugging', 4, true],
  ['2026-01-13', 'korangi', null, null, true],
  ['2026-01-16', 'malir', 'burglary', 1, null],
];

const karachi = (time: string) => new Date(`${time}:00+05:00`);

async function seed(app: App, liaisonId: string): Promise<void> {
  for (const [reference, area, category, made, status, events] of REPORTS) {
    const [row] = await app.db.query<{ id: string }>(
      `insert into reports (reference, category, area_id, description, anonymous, language, status, created_at, updated_at)
       values ($1, $2, $3, 'a test report', false, 'ur', $4, $5, $5) returning id`,
      [reference, category, area, status, karachi(made)],
    );
    for (const [eventStatus, minutes] of [['received', 0] as [string, number], ...events]) {
      await app.db.query(`insert into report_events (report_id, status, actor, created_at) values ($1, $2, 'test', $3::timestamptz + make_interval(mins => $4))`, [
        row?.id,
        eventStatus,
        karachi(made),
        minutes,
      ]);
    }
  }
  for (const [i, [area, when, minutes]] of CONVERSATIONS.entries()) {
    await createResident(app.db, 'web', `dashboard-resident-${i}`, '');
    const resident = await loadByAddress(app.db, 'web', `dashboard-resident-${i}`);
    assert.ok(resident);
    const id = await addToConversation(app.db, resident.resident.id, area, 'please call me');
    if (minutes !== null) await addOfficerReply(app.db, id, liaisonId, 'We are on it.');
    await app.db.query(`update conversations set created_at = $2, first_response_at = case when first_response_at is null then null else $2::timestamptz + make_interval(mins => $3) end where id = $1`, [
      id,
      karachi(when),
      minutes ?? 0,
    ]);
  }
  for (const [day, area, category, rating, again] of FEEDBACK) {
    await addFeedback(app.db, { areaId: area, category, rating, wouldReportAgain: again });
    await app.db.query('update feedback set created_on = $1 where id = (select max(id) from feedback)', [day]);
  }
}

// The API's answer is typed as the program types it (every field is JSON already).
const brief = (f: TrustFigures) => [f.received, f.actedOn, f.closed, f.medianActionMinutes, f.medianReplyMinutes];
const treated = (f: TrustFigures) => (['1', '2', '3', '4', '5'] as const).map((n) => f.feedback.treated[n]);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

test('the dashboard counts reports, response times and feedback per Karachi week and place, within each officer’s areas', async (t) => {
  const { app, url } = await startTestApp(t);
  const areas = app.flows.areas;
  const ids: Record<string, string> = {};
  for (const [username, role, covered] of [
    ['admin', 'admin', []],
    ['officer-korangi', 'officer', ['korangi-district']],
    ['liaison-korangi', 'liaison', ['korangi']],
  ] as const) {
    ids[username] = (await createAccount(app.db, areas, { username, name: `Test ${username}`, role, areas: [...covered], password: PASSWORD })).id;
  }
  await seed(app, ids['liaison-korangi'] ?? '');
  const clients: Record<string, ConsoleClient> = {};
  for (const username of Object.keys(ids)) {
    clients[username] = new ConsoleClient(url);
    assert.equal(await clients[username]?.login(username, PASSWORD), 200);
  }
  const get = async (who: string, query: string) => {
    const response = await (clients[who] as ConsoleClient).request('GET', `/api/dashboard?${query}`);
    return { status: response.status, body: response.json as Dashboard };
  };

  await t.test('the API', async () => {
    const { status, body: city } = await get('admin', SPAN);
    assert.equal(status, 200);
    assert.deepEqual([city.from, city.to], ['2026-01-05', '2026-01-19']);
    assert.deepEqual(
      city.weeks.map((w) => [w.week, ...brief(w)]),
      [
        // Medians: first action after 30, 60, 90 minutes (one report not taken up) → 60; replies after 15, 300, 45 → 45.
        ['2026-01-05', 4, 2, 1, 60, 45],
        // 240, 20, 10 → 20; one reply after 5 minutes, one conversation still unanswered.
        ['2026-01-12', 3, 1, 2, 20, 5],
        ['2026-01-19', 0, 0, 0, null, null],
      ],
    );
    assert.deepEqual(brief(city.total), [7, 3, 3, 45, 30]);
    assert.deepEqual([city.weeks[0]?.feedback.answers, ...treated(city.weeks[0] as TrustFigures), city.weeks[0]?.feedback.again.yes, city.weeks[0]?.feedback.again.no], [3, 0, 1, 0, 1, 1, 2, 1]);
    assert.deepEqual([city.total.feedback.answers, ...treated(city.total), city.total.feedback.again.yes, city.total.feedback.again.no], [5, 1, 1, 0, 1, 1, 3, 1]);
    assert.deepEqual(city.districts.map((d) => [d.id, ...brief(d)]), [
      ['korangi-district', 5, 1, 2, 60, 30],
      // Halfway is rounded up: 300 and 5 minutes → 153.
      ['malir-district', 2, 2, 1, 35, 153],
    ]);
    assert.deepEqual(city.areas.map((a) => [a.id, a.received]), [['korangi', 3], ['landhi', 2], ['malir', 2]]);
    assert.deepEqual(city.categories.map((c) => [c.id, c.received, c.feedback.answers]), [['mugging', 4, 2], ['burglary', 2, 1], ['mobile-snatching', 1, 1]]);

    // An officer of Korangi district sees its two areas only, the same figures as an admin filtering by it.
    const korangi = (await get('officer-korangi', SPAN)).body;
    assert.deepEqual(brief(korangi.total), [5, 1, 2, 60, 30]);
    assert.deepEqual([korangi.total.feedback.answers, korangi.total.feedback.again.yes, korangi.total.feedback.again.no], [3, 2, 1]);
    assert.deepEqual(korangi.areas.map((a) => a.id), ['korangi', 'landhi']);
    assert.deepEqual(korangi.total, (await get('admin', `${SPAN}&district=korangi-district`)).body.total);
    assert.deepEqual(brief((await get('officer-korangi', `${SPAN}&area=landhi`)).body.total), [2, 0, 0, 55, 45]);
    // A liaison officer of the Korangi area alone: not Landhi.
    assert.deepEqual(brief((await get('liaison-korangi', SPAN)).body.total), [3, 1, 2, 135, 15]);
    // Outside one's areas: refused, not answered with zeros.
    for (const [who, query] of [
      ['officer-korangi', 'district=malir-district'],
      ['officer-korangi', 'area=malir'],
      ['liaison-korangi', 'district=korangi-district'],
      ['liaison-korangi', 'area=landhi'],
    ]) {
      assert.equal((await get(who as string, `${SPAN}&${query}`)).status, 403, `${who} ${query}`);
    }

    // A category: its reports and feedback; conversations have none, so no reply time.
    const mugging = (await get('admin', `${SPAN}&category=mugging`)).body;
    assert.deepEqual(brief(mugging.total), [4, 2, 2, 45, null]);
    assert.deepEqual(treated(mugging.total), [0, 0, 0, 1, 1]);

    // By default the last twelve weeks, this one included; a span the wrong way round or too long is refused.
    const recent = (await get('admin', '')).body;
    const today = new Date(Date.now() + 5 * 3_600_000);
    const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    assert.equal(recent.weeks.length, 12);
    assert.equal(recent.to, monday);
    assert.equal(recent.total.received, 0);
    assert.equal((await get('admin', 'from=2026-02-01&to=2026-01-01')).status, 400);
    assert.equal((await get('admin', 'from=2020-01-01&to=2026-01-01')).status, 400);
    assert.equal((await new ConsoleClient(url).request('GET', '/api/dashboard')).status, 401);
  });

  await t.test('the page, in a browser on a phone', { skip: NO_BROWSER }, async () => {
    const browser = await launchBrowser(t);
    const page = await (await browser.newContext({ viewport: PHONE, locale: 'en-GB' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}/console/`);
    await page.locator('#login').waitFor();
    await page.locator('#language').selectOption('en');
    await page.locator('#login input[name=username]').fill('admin');
    await page.locator('#login input[name=password]').fill(PASSWORD);
    await page.locator('#login button[type=submit]').click();
    await page.locator('#nav a[href="#/dashboard"]').click();
    await page.locator('#dashboard-totals').waitFor();
    await page.goto(`${url}/console/#/dashboard?${SPAN}`);
    const figure = (name: string) => page.locator(`#dashboard-totals [data-figure=${name}] dd`);
    await page.locator('#dashboard-totals [data-figure=received] dd', { hasText: /^7$/ }).waitFor();
    assert.deepEqual(
      await Promise.all(['received', 'acted', 'closed', 'action', 'reply', 'answers'].map((name) => figure(name).textContent())),
      ['7', '3', '3', `45 ${app.catalog.format('en', 'console-minutes')}`, `30 ${app.catalog.format('en', 'console-minutes')}`, '5'],
    );
    // Each week's bars, and the same figures in the chart's table.
    assert.equal(await page.locator('#chart-reports svg.chart-svg rect.bar').count(), 6);
    await page.locator('#chart-reports summary').click();
    assert.deepEqual(
      await page.locator('#chart-reports tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))),
      [['4', '2', '1'], ['3', '1', '2'], ['0', '0', '0']],
    );
    assert.equal(await page.locator('#chart-treated svg.chart-svg rect.bar').count(), 4);
    assert.deepEqual(await page.locator('#by-area svg.chart-svg text').allTextContents(), ['Korangi', 'Landhi', 'Malir']);
    await shot(page, '30-dashboard');

    // Filtering by district, then by one of its areas.
    await page.locator('#dashboard-filters select[name=district]').selectOption('korangi-district');
    await page.locator('#dashboard-totals [data-figure=received] dd', { hasText: /^5$/ }).waitFor();
    await page.locator('#dashboard-filters select[name=area]').selectOption('landhi');
    await page.locator('#dashboard-filters button[type=submit]').click();
    await page.locator('#dashboard-totals [data-figure=received] dd', { hasText: /^2$/ }).waitFor();
    assert.match(await page.evaluate(() => location.hash), /area=landhi/);
    assert.equal(await figure('reply').textContent(), `45 ${app.catalog.format('en', 'console-minutes')}`);
    assert.deepEqual(await page.locator('#by-area svg.chart-svg text').allTextContents(), ['Landhi']);

    // In Urdu: right to left, figures still in Latin digits.
    await page.locator('#language').selectOption('ur');
    await page.goto(`${url}/console/#/dashboard?${SPAN}`);
    await page.locator('#dashboard-totals [data-figure=received] dd', { hasText: /^7$/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    const period = (await page.locator('#dashboard-period').textContent()) ?? '';
    assert.match(period, /5/);
    assert.doesNotMatch(period + (await page.locator('#dashboard-totals').textContent()), /[\u0660-\u0669\u06F0-\u06F9]/);
    await shot(page, '31-dashboard-ur');
    assert.deepEqual(errors, [], 'the console page raised no errors');
  });
});
