import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { retentionPolicy } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { applyRetention } from '../src/store/retention.ts';
import { startTestApp } from './helpers/app.ts';

test('retention deletes inactive residents, stale sessions, transcripts, processed ids and unused photos, never what officers need', async (t) => {
  const { app, vars } = await startTestApp(t, { OUTBOX_RELAY_SECONDS: '3600' });
  const config = loadConfig(vars);
  const db = app.db;

  /** A resident last seen `days` ago, with a session holding a report draft. */
  const resident = async (name: string, days: number, platform = 'telegram') => {
    const [row] = await db.query<{ id: string }>(
      `insert into residents (platform, address_hash, address_enc, last_seen_on) values ($1, $2, 'enc', current_date - $3::int) returning id`,
      [platform, `hash-${name}`, days],
    );
    const id = (row as { id: string }).id;
    await db.query(`insert into sessions (resident_id, state) values ($1, $2)`, [id, JSON.stringify({ flow: 'report', step: 'description', vars: { place: 'near the bus stop' } })]);
    await db.query(`insert into outbox (resident_id, platform, message) values ($1, $2, '{"text": "unsent"}')`, [id, platform]);
    await sent(id);
    return id;
  };
  // An old alert every resident was sent.
  const [broadcast] = await db.query<{ id: number }>(`insert into broadcasts (texts, target, created_by, status) values ('{"en": "old"}', '{"city": true}', 'test', 'sent') returning id`);
  const sent = (residentId: string) =>
    db.query(`insert into deliveries (broadcast_id, resident_id, platform, status) values ($1, $2, 'telegram', 'sent')`, [broadcast?.id, residentId]);
  const report = async (residentId: string | null, status: string, media: string[] = []) => {
    const [row] = await db.query<{ id: string }>(
      `insert into reports (reference, category, area_id, description, anonymous, resident_id, pin_hash, language, status, media, created_at, updated_at)
       values (md5(random()::text), 'mugging', 'korangi', 'taken', $1, $2, $3, 'en', $4, $5, now(), now()) returning id`,
      [residentId === null, residentId, residentId === null ? 'hash' : null, status, media],
    );
    return (row as { id: string }).id;
  };

  const gone = await resident('gone', 400);
  const followsOpenReport = await resident('open-report', 400);
  await report(followsOpenReport, 'in-review');
  const hadClosedReport = await resident('closed-report', 400);
  const closedReport = await report(hadClosedReport, 'closed');
  const talking = await resident('talking', 400);
  await db.query(`insert into conversations (resident_id, area_id, status) values ($1, 'korangi', 'claimed')`, [talking]);
  const subscribed = await resident('subscribed', 400);
  await db.query(`insert into subscriptions (resident_id, area_id) values ($1, 'malir')`, [subscribed]);
  const recent = await resident('recent', 2);
  const idleDraft = await resident('idle-draft', 40);
  // Silent for 40 days, then a police alert reached them: their session keeps it until the time to answer is over.
  const alerted = await resident('alerted', 40);
  await db.query(`update sessions set state = state || jsonb_build_object('alert', jsonb_build_object('id', 1, 'until', (now() + interval '1 hour')::text)) where resident_id = $1`, [alerted]);
  const oldWeb = await resident('old-web', 10, 'web');
  const newWeb = await resident('new-web', 2, 'web');
  const anonymous = await report(null, 'received');

  await db.query(`insert into web_messages (resident_id, message, created_at) values ($1, '{"text": "old"}', now() - interval '25 hours'), ($1, '{"text": "new"}', now())`, [newWeb]);
  await db.query(`insert into processed_inbound (message_id, processed_on) values ('old-id', current_date - 8), ('new-id', current_date)`);

  const photo = async (name: string, days: number) => {
    const path = join('media', 'ab', `${name}.jpg`);
    mkdirSync(join(config.DATA_DIR, 'media', 'ab'), { recursive: true });
    writeFileSync(join(config.DATA_DIR, path), 'jpeg');
    const [row] = await db.query<{ id: string }>(
      `insert into media (content_type, size, sha256, path, created_on) values ('image/jpeg', 4, $1, $2, current_date - $3::int) returning id`,
      [name, path, days],
    );
    return { id: (row as { id: string }).id, file: join(config.DATA_DIR, path) };
  };
  const unused = await photo('unused', 40);
  const used = await photo('used', 40);
  const fresh = await photo('fresh', 2);
  await report(null, 'closed', [used.id]);

  const pruned = await applyRetention(db, config.DATA_DIR, retentionPolicy(config));
  // Sessions: the idle draft's, and those of the three old residents kept for an officer's sake.
  assert.deepEqual(pruned, { residents: 3, sessions: 4, transcripts: 1, processed: 1, media: 1 });

  const ids = (await db.query<{ id: string }>('select id from residents')).map((r) => r.id);
  assert.deepEqual(new Set(ids), new Set([followsOpenReport, talking, subscribed, recent, idleDraft, alerted, newWeb]));
  assert.ok(!ids.includes(gone) && !ids.includes(hadClosedReport) && !ids.includes(oldWeb));
  const orphans = await db.query(
    'select 1 from sessions where resident_id = any($1) union all select 1 from outbox where resident_id = any($1) union all select 1 from deliveries where resident_id = any($1)',
    [[gone, hadClosedReport, oldWeb]],
  );
  assert.equal(orphans.length, 0, 'their sessions, unsent replies and alerts went with them');
  assert.equal((await db.query('select 1 from deliveries')).length, ids.length, "the others' alerts stay");

  const reports = await db.query<{ id: string; residentId: string | null }>('select id, resident_id as "residentId" from reports');
  assert.equal(reports.length, 4, 'no report is deleted');
  assert.equal(reports.find((r) => r.id === closedReport)?.residentId, null, 'a closed report stays, without its link to the deleted resident');
  assert.ok(reports.some((r) => r.id === anonymous));

  const [draft] = await db.query<{ state: object; version: number }>('select state, version from sessions where resident_id = $1', [idleDraft]);
  assert.deepEqual(draft?.state, {}, 'a draft left for 40 days is forgotten');
  assert.equal(draft?.version, 1, 'a turn that read it before loses its write');
  const [kept] = await db.query<{ state: { flow?: string } }>('select state from sessions where resident_id = $1', [recent]);
  assert.equal(kept?.state.flow, 'report', 'a recent draft stays');
  const [alert] = await db.query<{ state: { alert?: object } }>('select state from sessions where resident_id = $1', [alerted]);
  assert.ok(alert?.state.alert, 'an alert that may still be answered stays');

  assert.deepEqual((await db.query<{ text: string }>(`select message ->> 'text' as text from web_messages`)).map((r) => r.text), ['new']);
  assert.deepEqual((await db.query<{ id: string }>('select message_id as id from processed_inbound order by 1')).map((r) => r.id), ['new-id']);
  assert.ok(!existsSync(unused.file), 'the unused photo file is deleted');
  assert.ok(existsSync(used.file) && existsSync(fresh.file));
  assert.equal((await db.query('select 1 from media')).length, 2);

  // Run again: nothing more to do.
  const again = await applyRetention(db, config.DATA_DIR, { residentDays: 365, webResidentDays: 7, sessionDays: 30, transcriptHours: 24, processedDays: 7, mediaDays: 30 });
  assert.deepEqual(again, { residents: 0, sessions: 0, transcripts: 0, processed: 0, media: 0 });
});
