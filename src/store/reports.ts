import type { Sql } from './db.ts';

export const REPORT_STATUSES = ['received', 'in-review', 'action-taken', 'closed', 'rejected'] as const;
/** Why a report is rejected; the reporter is told which. */
export const REJECTED_REASONS = ['duplicate', 'false', 'out-of-scope'] as const;
export type RejectedReason = (typeof REJECTED_REASONS)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface NewReport {
  reference: string;
  category: string;
  areaId: string;
  place: string | null;
  lat: number | null;
  lng: number | null;
  occurredAt: Date | null;
  occurredText: string | null;
  description: string;
  media: string[];
  anonymous: boolean;
  residentId: string | null;
  pinHash: string | null;
  language: string;
}

export interface Report {
  id: string;
  reference: string;
  category: string;
  areaId: string;
  status: ReportStatus;
  rejectedReason: RejectedReason | null;
  anonymous: boolean;
  residentId: string | null;
  pinHash: string | null;
  pinFailures: number;
  pinRetryAfter: Date | null;
  updatedAt: Date;
}

/** Inserts a report unless its reference is taken (then returns null and the caller draws another). */
export async function insertReport(sql: Sql, report: NewReport): Promise<string | null> {
  const rows = await sql.query<{ id: string }>(
    `insert into reports (reference, category, area_id, place, lat, lng, occurred_at, occurred_text, description, media,
                          anonymous, resident_id, pin_hash, language, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
             case when $11 then date_trunc('hour', now()) else now() end,
             case when $11 then date_trunc('hour', now()) else now() end)
     on conflict (reference) do nothing
     returning id`,
    [
      report.reference,
      report.category,
      report.areaId,
      report.place,
      report.lat,
      report.lng,
      report.occurredAt,
      report.occurredText,
      report.description,
      report.media,
      report.anonymous,
      report.residentId,
      report.pinHash,
      report.language,
    ],
  );
  const id = rows[0]?.id;
  if (!id) return null;
  await addReportEvent(sql, id, { status: 'received', note: null, isPublic: false, actor: 'resident' });
  return id;
}

export async function findReport(sql: Sql, reference: string): Promise<Report | null> {
  const [row] = await sql.query<Report>(
    `select id, reference, category, area_id as "areaId", status, rejected_reason as "rejectedReason", anonymous, resident_id as "residentId",
            pin_hash as "pinHash", pin_failures as "pinFailures", pin_retry_after as "pinRetryAfter", updated_at as "updatedAt"
     from reports where reference = $1 for update`,
    [reference],
  );
  return row ?? null;
}

/**
 * Counts a wrong PIN for a report. Past `free` failures each one doubles a pause before the next try, up to
 * `maxMinutes`; the pause ends on a whole minute, so it does not tell when the try was made.
 */
export async function recordReportPinFailure(sql: Sql, id: string, free: number, maxMinutes: number): Promise<void> {
  await sql.query(
    // pin_failures here is the count before this one: 1 minute after the first failure past `free`, then 2, 4…
    `update reports set pin_failures = pin_failures + 1,
       pin_retry_after = case when pin_failures >= $2
         then date_trunc('minute', now()) + make_interval(mins => 1 + least($3, power(2, least(pin_failures - $2, 20))::int))
         else pin_retry_after end
     where id = $1`,
    [id, free, maxMinutes],
  );
}

export async function clearReportPinFailures(sql: Sql, id: string): Promise<void> {
  await sql.query('update reports set pin_failures = 0, pin_retry_after = null where id = $1 and pin_failures > 0', [id]);
}

export async function addReportEvent(
  sql: Sql,
  reportId: string,
  event: {
    status: ReportStatus | null;
    note: string | null;
    isPublic: boolean;
    actor: string;
    kind?: 'status' | 'question' | 'answer';
    officerId?: string | null;
  },
): Promise<number> {
  // An anonymous report's events keep only the hour, like the report itself.
  const [row] = await sql.query<{ id: number }>(
    `insert into report_events (report_id, status, note, public, actor, kind, officer_id, created_at)
     select id, $2, $3, $4, $5, $6, $7, case when anonymous then date_trunc('hour', now()) else now() end from reports where id = $1
     returning id`,
    [reportId, event.status, event.note, event.isPublic, event.actor, event.kind ?? 'status', event.officerId ?? null],
  );
  return (row as { id: number }).id;
}

/** The newest note the police chose to show the reporter. */
export async function latestPublicNote(sql: Sql, reportId: string): Promise<string | null> {
  const [row] = await sql.query<{ note: string }>(
    `select note from report_events where report_id = $1 and public and kind = 'status' and note is not null order by id desc limit 1`,
    [reportId],
  );
  return row?.note ?? null;
}

export async function setReportStatus(sql: Sql, id: string, status: ReportStatus, rejectedReason: RejectedReason | null = null): Promise<void> {
  await sql.query(
    `update reports set status = $2, rejected_reason = $3, updated_at = case when anonymous then date_trunc('hour', now()) else now() end where id = $1`,
    [id, status, rejectedReason],
  );
}

/** The locale key of a report's status as the reporter reads it; a rejection says why. */
export function statusKey(status: ReportStatus, rejectedReason: RejectedReason | null): string {
  return status === 'rejected' ? `status-rejected-${rejectedReason ?? 'out-of-scope'}` : `status-${status}`;
}

/** The question to the reporter still waiting for an answer, if any: the newest question after the last answer. */
export async function openQuestion(sql: Sql, reportId: string): Promise<{ id: number; note: string } | null> {
  const [row] = await sql.query<{ id: number; note: string }>(
    `select id, note from report_events q where q.report_id = $1 and q.kind = 'question'
       and not exists (select 1 from report_events a where a.report_id = q.report_id and a.kind = 'answer' and a.id > q.id)
     order by id desc limit 1`,
    [reportId],
  );
  return row ?? null;
}

/** The category reported most often in the given areas over the last `days` days. */
export async function topCategory(sql: Sql, areaIds: string[], days: number): Promise<{ category: string; count: number } | null> {
  const [row] = await sql.query<{ category: string; count: number }>(
    `select category, count(*)::int as count from reports
     where area_id = any($1) and created_at > now() - make_interval(days => $2)
     group by category order by count desc, category limit 1`,
    [areaIds, days],
  );
  return row ?? null;
}
