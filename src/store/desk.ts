import type { Sql } from './db.ts';

/** Which reports a desk list shows. `areas` null: every area (admins); otherwise only these area ids. */
export interface ReportFilter {
  areas: string[] | null;
  /** Area ids the district filter stands for (the district itself and its areas). */
  district: string[] | null;
  area: string | null;
  category: string | null;
  status: string | null;
  from: Date | null;
  /** Exclusive end. */
  to: Date | null;
  anonymous: boolean | null;
}

export interface ReportRow {
  reference: string;
  category: string;
  areaId: string;
  place: string | null;
  status: string;
  rejectedReason: string | null;
  anonymous: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReportExportRow extends ReportRow {
  lat: number | null;
  lng: number | null;
  occurredText: string | null;
  description: string;
  language: string;
}

export interface ReportDetail extends ReportExportRow {
  id: string;
  occurredAt: Date | null;
  media: string[];
  /** The platform of a named reporter; null for anonymous reports, which keep no link to anyone. */
  platform: string | null;
}

export interface ReportEvent {
  id: number;
  kind: 'status' | 'question' | 'answer';
  status: string | null;
  note: string | null;
  public: boolean;
  actor: string;
  officerName: string | null;
  createdAt: Date;
}

function where(filter: ReportFilter): { clause: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.areas) add('r.area_id = any(?)', filter.areas);
  if (filter.district) add('r.area_id = any(?)', filter.district);
  if (filter.area) add('r.area_id = ?', filter.area);
  if (filter.category) add('r.category = ?', filter.category);
  if (filter.status) add('r.status = ?', filter.status);
  if (filter.from) add('r.created_at >= ?', filter.from);
  if (filter.to) add('r.created_at < ?', filter.to);
  if (filter.anonymous !== null) add('r.anonymous = ?', filter.anonymous);
  return { clause: parts.length > 0 ? `where ${parts.join(' and ')}` : '', params };
}

const ROW = `r.reference, r.category, r.area_id as "areaId", r.place, r.status, r.rejected_reason as "rejectedReason", r.anonymous,
  r.created_at as "createdAt", r.updated_at as "updatedAt"`;

/** A page of reports, newest first, with the total and the count of each status under the same filter. */
export async function listReports(sql: Sql, filter: ReportFilter, limit: number, offset: number) {
  const { clause, params } = where(filter);
  const reports = await sql.query<ReportRow>(
    `select ${ROW} from reports r ${clause} order by r.created_at desc, r.id limit ${limit} offset ${offset}`,
    params,
  );
  const counts = await sql.query<{ status: string; count: number }>(`select r.status, count(*)::int as count from reports r ${clause} group by r.status`, params);
  return { reports, counts: Object.fromEntries(counts.map((c) => [c.status, c.count])) as Record<string, number>, total: counts.reduce((n, c) => n + c.count, 0) };
}

/** Every report under the filter, for a CSV file, in pages so a large export does not sit in memory at once. */
export async function* exportReports(sql: Sql, filter: ReportFilter, page = 500): AsyncGenerator<ReportExportRow[]> {
  const { clause, params } = where(filter);
  for (let offset = 0; ; offset += page) {
    const rows = await sql.query<ReportExportRow>(
      `select ${ROW}, r.lat, r.lng, r.occurred_text as "occurredText", r.description, r.language
       from reports r ${clause} order by r.created_at desc, r.id limit ${page} offset ${offset}`,
      params,
    );
    if (rows.length > 0) yield rows;
    if (rows.length < page) return;
  }
}

export async function reportDetail(sql: Sql, reference: string): Promise<ReportDetail | null> {
  const [row] = await sql.query<ReportDetail>(
    `select r.id, ${ROW}, r.lat, r.lng, r.occurred_at as "occurredAt", r.occurred_text as "occurredText", r.description, r.language, r.media,
            res.platform
     from reports r left join residents res on res.id = r.resident_id where r.reference = $1`,
    [reference],
  );
  return row ?? null;
}

export async function reportEvents(sql: Sql, reportId: string): Promise<ReportEvent[]> {
  return sql.query<ReportEvent>(
    `select e.id, e.kind, e.status, e.note, e.public, e.actor, o.name as "officerName", e.created_at as "createdAt"
     from report_events e left join officers o on o.id = e.officer_id where e.report_id = $1 order by e.id`,
    [reportId],
  );
}

export async function mediaFile(sql: Sql, id: string): Promise<{ path: string; contentType: string } | null> {
  const [row] = await sql.query<{ path: string; contentType: string }>('select path, content_type as "contentType" from media where id = $1', [id]);
  return row ?? null;
}
