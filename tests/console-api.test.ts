import assert from 'node:assert/strict';
import { test } from 'node:test';
import argon2 from 'argon2';
import sharp from 'sharp';
import { createAccount } from '../src/officers/accounts.ts';
import { addToConversation } from '../src/store/community.ts';
import { saveMedia } from '../src/store/media.ts';
import { insertReport } from '../src/store/reports.ts';
import { createResident, loadByAddress } from '../src/store/turns.ts';
import { startTestApp } from './helpers/app.ts';
import { ConsoleClient } from './helpers/console-client.ts';
import { fakeChannel, seedResidents, startSender } from './helpers/alerts.ts';

const PASSWORD = 'correct horse battery';
/** Everyone who may knock: nobody, an admin, and an officer and a liaison officer in each of two districts. */
const WHO = ['nobody', 'admin', 'officer-korangi', 'officer-malir', 'liaison-korangi', 'liaison-malir'] as const;
type Who = (typeof WHO)[number];

async function anonymousReport(db: Parameters<typeof insertReport>[0], reference: string, areaId: string, description: string, media: string[] = []) {
  await insertReport(db, {
    reference,
    category: 'mobile-snatching',
    areaId,
    place: 'near the market',
    lat: 24.83,
    lng: 67.13,
    occurredAt: null,
    occurredText: 'today',
    description,
    media,
    anonymous: true,
    residentId: null,
    pinHash: await argon2.hash('123456'),
    language: 'ur',
  });
}

async function createSecondResident(db: Parameters<typeof createResident>[0]) {
  await createResident(db, 'web', 'test-resident-hash-2', '');
  const loaded = await loadByAddress(db, 'web', 'test-resident-hash-2');
  assert.ok(loaded);
  return loaded.resident;
}

test('the console API lets each role act within its areas, refuses everyone else with 401 or 403, and locks out password guessers', async (t) => {
  const { app, url, vars } = await startTestApp(t, { LOGIN_ATTEMPTS_PER_MINUTE: '16', OFFICE_HOURS: 'always' });
  const areas = app.flows.areas;
  const ids: Record<string, string> = {};
  for (const [username, role, covered] of [
    ['admin', 'admin', []],
    ['officer-korangi', 'officer', ['korangi-district']],
    ['officer-malir', 'officer', ['malir-district']],
    ['liaison-korangi', 'liaison', ['korangi']],
    ['liaison-malir', 'liaison', ['malir-district']],
  ] as const) {
    ids[username] = (await createAccount(app.db, areas, { username, name: `Test ${username}`, role, areas: [...covered], password: PASSWORD })).id;
  }
  await anonymousReport(app.db, 'KHI-0000-0001', 'landhi', 'phone taken at the bus stop');
  // A description a spreadsheet would run as a formula.
  await anonymousReport(app.db, 'KHI-0000-0002', 'malir', '=HYPERLINK("http://example.invalid","bike stolen")');
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#335577' } }).jpeg().toBuffer();
  const photoId = await saveMedia(app.db, vars.DATA_DIR ?? '', photo, 1_000_000);
  await anonymousReport(app.db, 'KHI-0000-0003', 'korangi', 'second one in Korangi', [photoId]);
  // A resident of Korangi who asked for an officer.
  await createResident(app.db, 'web', 'test-resident-hash', '');
  const resident = await loadByAddress(app.db, 'web', 'test-resident-hash');
  assert.ok(resident);
  const conversation = await addToConversation(app.db, resident.resident.id, 'korangi', 'drugs sold in our street at night');

  const clients = {} as Record<Who, ConsoleClient>;
  for (const who of WHO) {
    clients[who] = new ConsoleClient(url);
    if (who !== 'nobody') assert.equal(await clients[who].login(who, PASSWORD), 200, `${who} logs in`);
    else await clients[who].request('GET', '/api/session');
  }

  // Sessions are kept server side: an hour before login, CONSOLE_SESSION_HOURS (12) after it.
  const [lifetimes] = await app.db.query<{ before: number; after: number }>(
    `select max(extract(epoch from expires_at - now())) filter (where officer_id is null) as before,
            min(extract(epoch from expires_at - now())) filter (where officer_id is not null) as after from officer_sessions`,
  );
  assert.ok(lifetimes && lifetimes.before <= 3600 && lifetimes.after > 11 * 3600, JSON.stringify(lifetimes));

  // [method, path, body, expected status for each of WHO]
  const table: [string, string, unknown, number[]][] = [
    ['GET', '/api/areas', undefined, [401, 200, 200, 200, 200, 200]],
    ['GET', '/api/reports', undefined, [401, 200, 200, 200, 200, 200]],
    ['GET', '/api/reports.csv', undefined, [401, 200, 200, 200, 200, 200]],
    ['GET', '/api/reports/KHI-0000-0001', undefined, [401, 200, 200, 403, 403, 403]],
    ['GET', '/api/reports/KHI-0000-0003', undefined, [401, 200, 200, 403, 200, 403]],
    ['GET', '/api/reports/KHI-0000-0002', undefined, [401, 200, 403, 200, 403, 200]],
    ['GET', '/api/reports/KHI-0000-0009', undefined, [401, 404, 404, 404, 404, 404]],
    ['GET', '/api/reports/KHI-0000-0001/photos/0', undefined, [401, 404, 404, 403, 403, 403]],
    ['GET', '/api/reports/KHI-0000-0003/photos/0', undefined, [401, 200, 200, 403, 200, 403]],
    ['POST', '/api/reports/KHI-0000-0001/status', { status: 'in-review', note: 'looking into it' }, [401, 200, 200, 403, 403, 403]],
    ['POST', '/api/reports/KHI-0000-0002/status', { status: 'rejected', reason: 'duplicate' }, [401, 200, 403, 200, 403, 403]],
    ['POST', '/api/reports/KHI-0000-0002/status', { status: 'rejected' }, [401, 400, 403, 400, 403, 403]],
    ['POST', '/api/reports/KHI-0000-0001/questions', { question: 'Which bus stop?' }, [401, 200, 200, 403, 403, 403]],
    ['GET', '/api/escalations', undefined, [401, 200, 403, 403, 200, 200]],
    ['GET', '/api/escalations/stream', undefined, [401, -1, 403, 403, -1, -1]],
    ['GET', `/api/escalations/${conversation}`, undefined, [401, 200, 403, 403, 200, 403]],
    ['GET', `/api/escalations/${conversation}/candidates`, undefined, [401, 200, 403, 403, 200, 403]],
    ['GET', '/api/canned-replies?lang=ur', undefined, [401, 200, 403, 403, 200, 200]],
    ['POST', `/api/escalations/${conversation}/replies`, { text: 'not yet claimed' }, [401, 409, 403, 403, 409, 403]],
    ['POST', `/api/escalations/${conversation}/claim`, undefined, [401, -1, 403, 403, 200, 403]],
    ['POST', `/api/escalations/${conversation}/claim`, undefined, [401, 409, 403, 403, 409, 403]],
    ['POST', `/api/escalations/${conversation}/replies`, { text: 'We are on it.' }, [401, -1, 403, 403, 200, 403]],
    ['GET', '/api/officers', undefined, [401, 200, 403, 403, 403, 403]],
    ['POST', '/api/officers', { username: 'new-one', name: 'New', role: 'officer', areas: ['saddar'], password: PASSWORD }, [401, 201, 403, 403, 403, 403]],
    ['POST', '/api/officers', { username: 'new-one', name: 'New', role: 'officer', areas: ['saddar'], password: PASSWORD }, [401, 409, 403, 403, 403, 403]],
    ['POST', '/api/officers', { username: 'bad-area', name: 'New', role: 'officer', areas: ['atlantis'], password: PASSWORD }, [401, 400, 403, 403, 403, 403]],
    ['PATCH', `/api/officers/${ids['liaison-korangi']}`, { name: 'Asma' }, [401, 200, 403, 403, 403, 403]],
    ['GET', '/api/audit', undefined, [401, 200, 403, 403, 403, 403]],
    ['GET', '/api/alerts/choices', undefined, [401, 200, 200, 200, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { ur: 'سڑک بند ہے' }, target: { districts: ['korangi-district'] } }, [401, 200, 200, 403, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { ur: 'سڑک بند ہے' }, target: { areas: ['landhi', 'malir'] } }, [401, 200, 403, 403, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { en: 'Road closed' }, target: { city: true } }, [401, 200, 403, 403, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { en: '  ' }, target: { areas: ['korangi'] } }, [401, 400, 400, 400, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { en: 'Road closed' }, target: { areas: ['atlantis'] } }, [401, 400, 400, 400, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { en: 'Road closed' }, target: {} }, [401, 400, 400, 400, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { en: 'Road closed' }, target: { areas: ['korangi'] }, sendAt: '2001-01-01T10:00:00+05:00' }, [401, 400, 400, 400, 403, 403]],
    ['POST', '/api/alerts/preview', { texts: { fr: 'Route fermée' }, target: { areas: ['korangi'] } }, [401, 400, 400, 400, 400, 400]],
    ['POST', '/api/alerts/preview', { texts: { en: 'Road closed' }, target: { areas: ['korangi'] }, topic: 'gossip' }, [401, 400, 400, 400, 400, 400]],
    ['POST', '/api/alerts', { texts: { en: 'Road closed' }, target: { areas: ['korangi'] } }, [401, -1, -1, 403, 403, 403]],
    ['GET', '/api/alerts', undefined, [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/alerts/stream', undefined, [401, -1, -1, -1, 403, 403]],
    ['GET', '/api/alerts/99999', undefined, [401, 404, 404, 404, 403, 403]],
  ];
  for (const [method, path, body, expected] of table) {
    for (const [i, who] of WHO.entries()) {
      const want = expected[i] ?? 0;
      if (want === -1) continue;
      if (path.endsWith('/stream') && want === 200) continue;
      const got = await clients[who].request(method, path, body);
      assert.equal(got.status, want, `${who} ${method} ${path} → ${got.status} ${got.text.slice(0, 200)}`);
      if (want >= 400) assert.ok(typeof (got.json as { message?: string }).message === 'string', `${method} ${path} answers JSON with a message`);
    }
  }

  // Lists hold only what each may see; counts follow the same filter.
  const list = async (who: Who, query = '') => (await clients[who].request('GET', `/api/reports${query}`)).json as { reports: { reference: string }[]; counts: Record<string, number>; total: number };
  assert.deepEqual((await list('officer-korangi')).reports.map((r) => r.reference).sort(), ['KHI-0000-0001', 'KHI-0000-0003']);
  assert.deepEqual((await list('liaison-korangi')).reports.map((r) => r.reference), ['KHI-0000-0003']);
  assert.deepEqual((await list('officer-malir')).reports.map((r) => r.reference), ['KHI-0000-0002']);
  const all = await list('admin');
  assert.equal(all.total, 3);
  assert.deepEqual(all.counts, { 'in-review': 1, rejected: 1, received: 1 });
  assert.deepEqual((await list('admin', '?status=rejected')).reports.map((r) => r.reference), ['KHI-0000-0002']);
  assert.deepEqual((await list('admin', '?area=korangi')).reports.map((r) => r.reference), ['KHI-0000-0003']);
  assert.equal((await list('admin', '?district=korangi-district&anonymous=false')).total, 0);
  assert.equal((await list('admin', '?district=korangi-district&anonymous=true')).total, 2);
  assert.equal((await list('admin', '?from=2000-01-01&to=2000-01-02')).total, 0);
  assert.equal((await clients.admin.request('GET', '/api/reports?page=0')).status, 400);
  assert.equal((await clients.admin.request('GET', '/api/reports?status=lost')).status, 400);

  // The report's page shows the timeline: the status change, its note, the question.
  const detail = (await clients['officer-korangi'].request('GET', '/api/reports/KHI-0000-0001')).json as { events: { kind: string; status: string | null; note: string | null }[] };
  // (The admin and the Korangi officer each did both.)
  assert.deepEqual(
    detail.events.map((e) => [e.kind, e.status, e.note]),
    [
      ['status', 'received', null],
      ['status', 'in-review', 'looking into it'],
      ['status', 'in-review', 'looking into it'],
      ['question', null, 'Which bus stop?'],
      ['question', null, 'Which bus stop?'],
    ],
  );

  // The CSV has every visible report and nothing that links to a reporter.
  const csv = (await clients['officer-korangi'].request('GET', '/api/reports.csv')).text;
  assert.equal(csv.trim().split('\r\n').length, 3);
  assert.match(csv, /^reference,created_at,category,area,district,status/);
  assert.doesNotMatch(csv, /resident|pin/i);
  const adminCsv = (await clients.admin.request('GET', '/api/reports.csv')).text;
  assert.ok(adminCsv.includes(`"'=HYPERLINK(""http://example.invalid"",""bike stolen"")"`), 'a formula is kept as text');

  // The escalation: claimed by one, answered, first response recorded.
  const escalation = (await clients['liaison-korangi'].request('GET', `/api/escalations/${conversation}`)).json as {
    escalation: { status: string; firstResponseAt: string | null };
    messages: { direction: string; body: string }[];
  };
  assert.equal(escalation.escalation.status, 'claimed');
  assert.ok(escalation.escalation.firstResponseAt);
  assert.deepEqual(escalation.messages.map((m) => m.direction), ['in', 'out']);

  // The report's page has its location and photo.
  const withPhoto = (await clients['liaison-korangi'].request('GET', '/api/reports/KHI-0000-0003')).json as { report: { lat: number; lng: number; photos: number } };
  assert.deepEqual([withPhoto.report.lat, withPhoto.report.lng, withPhoto.report.photos], [24.83, 67.13, 1]);
  const image = await clients['liaison-korangi'].request('GET', '/api/reports/KHI-0000-0003/photos/0');
  assert.equal(image.headers.get('content-type'), 'image/jpeg');

  // Two officers claiming one conversation at the same moment: exactly one gets it.
  const second = await addToConversation(app.db, (await createSecondResident(app.db)).id, 'korangi', 'a second conversation');
  const claims = await Promise.all([clients.admin, clients['liaison-korangi']].map((c) => c.request('POST', `/api/escalations/${second}/claim`)));
  assert.deepEqual(claims.map((c) => c.status).sort(), [200, 409]);

  // Handing over: only to a liaison officer or admin of the area; the one who handed it over may no longer answer.
  assert.equal((await clients['liaison-korangi'].request('POST', `/api/escalations/${conversation}/hand-over`, { officer: ids['officer-korangi'] })).status, 409);
  assert.equal((await clients['liaison-korangi'].request('POST', `/api/escalations/${conversation}/hand-over`, { officer: ids['liaison-malir'] })).status, 409);
  assert.equal((await clients['liaison-korangi'].request('POST', `/api/escalations/${conversation}/hand-over`, { officer: ids.admin })).status, 200);
  assert.equal((await clients['liaison-korangi'].request('POST', `/api/escalations/${conversation}/replies`, { text: 'still here?' })).status, 409);
  assert.equal((await clients.admin.request('POST', `/api/escalations/${conversation}/close`)).status, 200);
  assert.equal((await clients.admin.request('POST', `/api/escalations/${conversation}/close`)).status, 409);
  const open = (await clients['liaison-korangi'].request('GET', '/api/escalations')).json as { escalations: { id: string }[] };
  assert.ok(!open.escalations.some((e) => e.id === conversation), 'a closed conversation leaves the inbox');

  // Changes need the CSRF token of the session.
  const noToken = await clients.admin.request('POST', '/api/reports/KHI-0000-0003/status', { status: 'in-review' }, { csrf: false });
  assert.equal(noToken.status, 403);

  // Police alerts: previewed in every language as sent, sent to an area's subscribers, followed, cancelled.
  const channel = fakeChannel('telegram');
  await seedResidents(app, [
    { language: 'ur', areas: ['korangi'] },
    { language: 'sd', areas: ['korangi'] },
    { language: 'en', areas: ['korangi-district'] },
    { language: 'en', areas: ['malir'] },
  ]);
  const sender = startSender(app, vars.QUEUE_PREFIX ?? '', channel);
  t.after(() => sender.close());
  const draft = { texts: { ur: 'UR-TEXT کورنگی میں آج رات سڑک بند ہے', en: 'EN-TEXT road closed in Korangi tonight' }, target: { areas: ['korangi'] }, topic: 'roads' };
  const preview = (await clients['officer-korangi'].request('POST', '/api/alerts/preview', draft)).json as { messages: Record<string, string>; missing: unknown[]; warnings: string[] };
  assert.ok(preview.messages.ur?.includes('UR-TEXT') && preview.messages.ur.includes(app.catalog.format('ur', 'alert-delivery', { text: draft.texts.ur, police: '15' })));
  assert.ok(preview.messages.sd?.includes('UR-TEXT'), 'Sindhi readers get the Urdu text');
  assert.ok(preview.messages.en?.includes('EN-TEXT'));
  assert.deepEqual(preview.missing, [{ lang: 'sd', gets: 'ur' }]);
  assert.deepEqual(preview.warnings, ['no Sindhi text: Sindhi readers will get the Urdu text']);
  const sent = await clients['officer-korangi'].request('POST', '/api/alerts', draft);
  assert.equal(sent.status, 201, sent.text);
  const alertId = (sent.json as { alert: { id: number } }).alert.id;
  // The live stream sends the figures as they change and ends once the alert is over.
  const stream = await clients['officer-korangi'].request('GET', `/api/alerts/${alertId}/stream`);
  assert.equal(stream.status, 200);
  const events = stream.text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as { status: string; sent: number; targeted: number | null; finished: boolean });
  assert.deepEqual(events.at(-1) && [events.at(-1)?.status, events.at(-1)?.targeted, events.at(-1)?.sent, events.at(-1)?.finished], ['sent', 3, 3, true]);
  assert.ok(events.filter((e) => e.finished).length === 1, 'one event says it is over, and it is the last');
  assert.deepEqual(channel.sent.map((m) => m.address).sort(), ['chat-0', 'chat-1', 'chat-2']);
  const progress = (await clients.admin.request('GET', `/api/alerts/${alertId}`)).json as Record<string, unknown>;
  assert.deepEqual([progress.status, progress.targeted, progress.queuedTotal, progress.sent, progress.failed, progress.unreachable], ['sent', 3, 3, 3, 0, 0]);
  assert.equal((await clients['officer-malir'].request('GET', `/api/alerts/${alertId}`)).status, 403);
  assert.equal((await clients['officer-korangi'].request('POST', `/api/alerts/${alertId}/cancel`)).status, 409, 'an alert sent out is over');
  // Scheduled ones wait for their time, and can be cancelled by those who may reach their target.
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  const scheduled = await clients['officer-korangi'].request('POST', '/api/alerts', { ...draft, target: { districts: ['korangi-district'] }, sendAt: inAnHour });
  assert.equal(scheduled.status, 201, scheduled.text);
  const scheduledId = (scheduled.json as { alert: { id: number; status: string } }).alert.id;
  assert.equal((scheduled.json as { alert: { status: string } }).alert.status, 'scheduled');
  const city = await clients.admin.request('POST', '/api/alerts', { texts: { en: 'City-wide drill tomorrow' }, target: { city: true }, urgent: true, sendAt: inAnHour });
  assert.equal(city.status, 201, city.text);
  const listed = async (who: Who) => ((await clients[who].request('GET', '/api/alerts')).json as { alerts: { id: number }[] }).alerts.map((a) => a.id);
  const cityId = (city.json as { alert: { id: number } }).alert.id;
  assert.deepEqual(await listed('admin'), [cityId, scheduledId, alertId]);
  assert.deepEqual(await listed('officer-korangi'), [scheduledId, alertId]);
  assert.deepEqual(await listed('officer-malir'), []);
  assert.equal((await clients['officer-malir'].request('POST', `/api/alerts/${scheduledId}/cancel`)).status, 403);
  assert.equal((await clients['liaison-korangi'].request('POST', `/api/alerts/${scheduledId}/cancel`)).status, 403);
  assert.equal((await clients['officer-korangi'].request('POST', `/api/alerts/${scheduledId}/cancel`, undefined, { csrf: false })).status, 403);
  assert.equal((await clients['officer-korangi'].request('POST', '/api/alerts', draft, { csrf: false })).status, 403);
  assert.equal((await clients['officer-korangi'].request('POST', `/api/alerts/${scheduledId}/cancel`)).status, 200);
  assert.equal((await clients['officer-korangi'].request('POST', `/api/alerts/${scheduledId}/cancel`)).status, 409);
  assert.equal(((await clients.admin.request('GET', `/api/alerts/${scheduledId}`)).json as { status: string }).status, 'cancelled');
  assert.equal((await clients.admin.request('POST', `/api/alerts/${cityId}/cancel`)).status, 200);
  assert.equal(channel.sent.length, 3, 'nothing more went out');

  // The audit log names every action.
  const log = (await clients.admin.request('GET', '/api/audit')).json as { action: string; target: string | null }[];
  for (const action of ['session.login', 'report.status', 'report.question', 'escalation.claim', 'escalation.reply', 'escalation.hand-over', 'escalation.close', 'account.create', 'account.change', 'alert.send', 'alert.cancel']) {
    assert.ok(log.some((e) => e.action === action), `the audit log has ${action}`);
  }

  // An admin ends an officer's sessions, and disables an account: both are out at once.
  assert.equal((await clients.admin.request('DELETE', `/api/officers/${ids['officer-malir']}/sessions`)).status, 200);
  assert.equal((await clients['officer-malir'].request('GET', '/api/reports')).status, 401);
  assert.equal((await clients.admin.request('PATCH', `/api/officers/${ids['liaison-malir']}`, { disabled: true })).status, 200);
  assert.equal((await clients['liaison-malir'].request('GET', '/api/escalations')).status, 401);
  assert.equal(await new ConsoleClient(url).login('liaison-malir', PASSWORD), 401);
  // The last admin cannot be disabled.
  assert.equal((await clients.admin.request('PATCH', `/api/officers/${ids.admin}`, { role: 'officer', areas: ['saddar'] })).status, 409);

  // A session ends CONSOLE_SESSION_HOURS after its login, however busy it has been.
  await app.db.query(`update officer_sessions set data = jsonb_set(data, '{loginAt}', to_jsonb(0)) where officer_id = $1`, [ids['liaison-korangi']]);
  const expired = await clients['liaison-korangi'].request('GET', '/api/escalations');
  assert.equal(expired.status, 401);
  assert.match((expired.json as { message: string }).message, /log in first/);
  assert.equal(await clients['liaison-korangi'].login('liaison-korangi', PASSWORD), 200, 'and a new login works from the same browser');

  // Logging out ends the session.
  assert.equal((await clients['officer-korangi'].request('DELETE', '/api/session')).status, 204);
  assert.equal((await clients['officer-korangi'].request('GET', '/api/reports')).status, 401);

  // Wrong passwords lock the account for a while; even the right one waits out the lock.
  const guesser = new ConsoleClient(url);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push(await guesser.login('officer-korangi', 'wrong password!'));
  assert.deepEqual(statuses, [401, 401, 401, 401, 423, 423]);
  const locked = await guesser.request('POST', '/api/session', { username: 'officer-korangi', password: PASSWORD });
  assert.equal(locked.status, 423);
  assert.match((locked.json as { message: string }).message, /locked for \d+ more minute/);
  // Too many attempts from one address within a minute are refused, whoever they are for. The limit counts in
  // windows of a minute: should one end during these attempts, the next must fill up from nothing.
  let attempt = await guesser.request('POST', '/api/session', { username: 'nobody-at-all', password: 'wrong password!' });
  for (let i = 0; i < 20 && attempt.status === 401; i++) attempt = await guesser.request('POST', '/api/session', { username: 'nobody-at-all', password: 'wrong password!' });
  assert.equal(attempt.status, 429);
  assert.match((attempt.json as { message: string }).message, /too many login attempts from this address/);
});
