import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './db.ts';

/** How long each kind of data is kept (README: Retention). */
export interface RetentionPolicy {
  residentDays: number;
  webResidentDays: number;
  sessionDays: number;
  transcriptHours: number;
  processedDays: number;
  mediaDays: number;
}

export interface Pruned {
  residents: number;
  sessions: number;
  transcripts: number;
  processed: number;
  media: number;
}

/** Rows deleted per statement, so no statement holds its locks for long. */
const BATCH = 1000;

async function inBatches(db: Db, statement: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.query(statement, [...params, BATCH]);
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/**
 * A resident not heard from for long is deleted, with their session, web chat messages, unsent replies and the
 * alerts they were sent, unless an officer may still need to reach them: they follow a report that is not
 * closed, talk with an officer in a conversation that is not closed, or receive alerts for an area. Their
 * closed named reports stay, without the link to them. (Alert deliveries have no foreign key, which would slow
 * a city's fan-out: they are deleted here.)
 */
const RESIDENTS = `
  with gone as (
    delete from residents where id in (
      select r.id from residents r
      where r.last_seen_on < current_date - (case when r.platform = 'web' then $2 else $1 end)::int
        and not exists (select 1 from reports p where p.resident_id = r.id and p.status <> 'closed')
        and not exists (select 1 from conversations c where c.resident_id = r.id and c.status <> 'closed')
        and not exists (select 1 from subscriptions s where s.resident_id = r.id)
      limit $3
    ) returning id
  ), deliveries as (delete from deliveries where resident_id in (select id from gone))
  select id from gone`;

/**
 * A conversation left half-way (a report draft with what happened, a place) is forgotten; the language stays. A
 * session holding an alert that may still be answered waits until that time is over.
 */
const SESSIONS = `
  update sessions set state = '{}', version = version + 1, wait_deadline = null where resident_id in (
    select s.resident_id from sessions s join residents r on r.id = s.resident_id
    where r.last_seen_on < current_date - $1::int and s.state <> '{}'::jsonb
      and not coalesce((s.state->'alert'->>'until')::timestamptz > now(), false)
    limit $2
  ) returning resident_id`;

const TRANSCRIPTS = `
  delete from web_messages where id in (
    select id from web_messages where created_at < now() - make_interval(hours => $1) limit $2
  ) returning id`;

const PROCESSED = `
  delete from processed_inbound where message_id in (
    select message_id from processed_inbound where processed_on < current_date - $1::int limit $2
  ) returning message_id`;

/**
 * A photo no report uses (its report was abandoned before it was sent). A draft holding one lasts at most a
 * session's time-out (a day at most), so a photo older than that is in no draft either.
 */
const MEDIA = `
  delete from media where id in (
    select m.id from media m
    where m.created_on < current_date - greatest($1::int, 1)
      and not exists (select 1 from reports r where r.media @> array[m.id::text])
    limit $2
  ) returning path`;

/** Deletes what the policy says is kept no longer; photos' files go with their rows. */
export async function applyRetention(db: Db, dataDir: string, policy: RetentionPolicy): Promise<Pruned> {
  const residents = await inBatches(db, RESIDENTS, [policy.residentDays, policy.webResidentDays]);
  const sessions = await inBatches(db, SESSIONS, [policy.sessionDays]);
  const transcripts = await inBatches(db, TRANSCRIPTS, [policy.transcriptHours]);
  const processed = await inBatches(db, PROCESSED, [policy.processedDays]);
  let media = 0;
  for (;;) {
    const rows = await db.query<{ path: string }>(MEDIA, [policy.mediaDays, BATCH]);
    await Promise.all(rows.map((row) => rm(join(dataDir, row.path), { force: true })));
    media += rows.length;
    if (rows.length < BATCH) break;
  }
  return { residents, sessions, transcripts, processed, media };
}
