import type { Sql } from './db.ts';

/**
 * What counts as acted on, closed and taken up, for a report `r`: one definition for the public figures and the
 * console's dashboard, so that the two never disagree.
 */
export const ACTED_ON = `(r.status = 'action-taken' or exists (select 1 from report_events e where e.report_id = r.id and e.status = 'action-taken'))`;
export const CLOSED = `(r.status = 'closed')`;
/** The police's first change of a report's status: their response to it starts there. */
export const FIRST_ACTION = `(select min(e.created_at) from report_events e where e.report_id = r.id and e.status is not null and e.status <> 'received')`;

/** What the police did with an area's reports over a period: the public figures of the area. */
export interface AreaFigures {
  received: number;
  /** Reports on which the police took action at some point (closed ones included). */
  actedOn: number;
  closed: number;
  /** Half of the reports the police took up were taken up within this many hours; null when none was. */
  medianResponseHours: number | null;
}

/**
 * Figures of the reports made in `areaIds` over the last `days` days. Response time runs from a report to its
 * first change of status by the police. Only counts leave here: no report, reporter or place.
 */
export async function areaFigures(sql: Sql, areaIds: string[], days: number): Promise<AreaFigures> {
  const [row] = await sql.query<{ received: number; actedOn: number; closed: number; medianSeconds: number | null }>(
    `with r as (
       select r.id, r.created_at, ${ACTED_ON} as acted_on, ${CLOSED} as closed, ${FIRST_ACTION} - r.created_at as after
       from reports r where r.area_id = any($1::text[]) and r.created_at >= now() - make_interval(days => $2)
     )
     select count(*)::int as received, (count(*) filter (where acted_on))::int as "actedOn", (count(*) filter (where closed))::int as closed,
            (percentile_cont(0.5) within group (order by extract(epoch from after)))::float8 as "medianSeconds"
     from r`,
    [areaIds, days],
  );
  const seconds = row?.medianSeconds ?? null;
  return {
    received: row?.received ?? 0,
    actedOn: row?.actedOn ?? 0,
    closed: row?.closed ?? 0,
    // At least an hour: anonymous reports keep only the hour they came in, so finer would pretend.
    medianResponseHours: seconds === null ? null : Math.max(1, Math.round(seconds / 3600)),
  };
}
