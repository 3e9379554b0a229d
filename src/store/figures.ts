import type { Sql } from './db.ts';

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
       select id, status, created_at from reports where area_id = any($1::text[]) and created_at >= now() - make_interval(days => $2)
     ), taken_up as (
       select min(e.created_at) - r.created_at as after from r join report_events e on e.report_id = r.id
       where e.status is not null and e.status <> 'received' group by r.id, r.created_at
     )
     select (select count(*) from r)::int as received,
            (select count(*) from r where r.status = 'action-taken'
               or exists (select 1 from report_events e where e.report_id = r.id and e.status = 'action-taken'))::int as "actedOn",
            (select count(*) from r where r.status = 'closed')::int as closed,
            (select percentile_cont(0.5) within group (order by extract(epoch from after)) from taken_up)::float8 as "medianSeconds"`,
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
