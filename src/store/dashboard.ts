import type { Sql } from './db.ts';
import { ACTED_ON, CLOSED, FIRST_ACTION } from './figures.ts';

/** What the dashboard counts: reports of some areas and a category, made within a span of Karachi weeks. */
export interface DashboardFilter {
  /** Start of the first week (Monday 00:00, Karachi). */
  from: Date;
  /** Start of the week after the last one (exclusive). */
  to: Date;
  /** Area ids; null: every area (admins without a place filter). */
  areas: string[] | null;
  category: string | null;
  /** Each area's district, for the breakdown by district; an id absent here is its own district. */
  districtOf: Record<string, string>;
}

export interface TrustFigures {
  received: number;
  /** The same definitions as the public figures: acted on at some point (closed ones included), closed now. */
  actedOn: number;
  closed: number;
  /** From a report to the police's first change of its status; null when none was taken up. */
  medianActionMinutes: number | null;
  /** From a resident asking for an officer to the first reply; null when none, or when a category is chosen. */
  medianReplyMinutes: number | null;
  /**
   * The answers of the feedback flow: how the police treated the resident (1 very badly … 5 very well), and
   * whether they would report again. A question left unanswered is counted in `answers` only.
   */
  feedback: { answers: number; treated: Record<'1' | '2' | '3' | '4' | '5', number>; again: { yes: number; no: number } };
}

export type DashboardGroup = 'week' | 'district' | 'area' | 'category' | 'total';

export interface DashboardRow extends TrustFigures {
  group: DashboardGroup;
  /** The week's Monday (YYYY-MM-DD), the district, area or category id; '' for the total. */
  key: string;
}

const KARACHI = `interval '+05:00'`;
const WEEK = (column: string) => `to_char(date_trunc('week', ${column} at time zone ${KARACHI}), 'YYYY-MM-DD')`;

/** Which grouping set a row belongs to, and its key. */
function groupColumns(sets: DashboardGroup[]): string {
  const whens = sets.filter((s) => s !== 'total').map((s) => [s, s === 'area' ? 'area_id' : s] as const);
  return `case ${whens.map(([s, c]) => `when grouping(${c}) = 0 then '${s}'`).join(' ')} else 'total' end as "group",
          case ${whens.map(([, c]) => `when grouping(${c}) = 0 then ${c}`).join(' ')} else '' end as key`;
}
const groupingSets = (sets: DashboardGroup[]) => `grouping sets (${sets.map((s) => (s === 'total' ? '()' : `(${s === 'area' ? 'area_id' : s})`)).join(', ')})`;

const ALL: DashboardGroup[] = ['week', 'district', 'area', 'category', 'total'];
const PLACES: DashboardGroup[] = ['week', 'district', 'area', 'total'];

export function emptyFigures(): TrustFigures {
  return {
    received: 0,
    actedOn: 0,
    closed: 0,
    medianActionMinutes: null,
    medianReplyMinutes: null,
    feedback: { answers: 0, treated: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, again: { yes: 0, no: 0 } },
  };
}

/**
 * The dashboard's figures in three aggregate queries (reports, escalations, feedback), each grouped at once by
 * week, district, area, category and in total. Feedback is stored by day, so it falls in the week of that day.
 * Only counts and medians leave here.
 */
export async function dashboardFigures(sql: Sql, filter: DashboardFilter): Promise<DashboardRow[]> {
  const mapped = Object.entries(filter.districtOf);
  const params = [filter.from, filter.to, filter.areas, filter.category, mapped.map(([a]) => a), mapped.map(([, d]) => d)];
  const districts = 'm as (select * from unnest($5::text[], $6::text[]) as m(area_id, district))';
  const inScope = (alias: string) => `($3::text[] is null or ${alias}.area_id = any($3)) and ($4::text is null or ${alias}.category = $4)`;

  const reports = await sql.query<{ group: DashboardGroup; key: string | null; received: number; actedOn: number; closed: number; medianActionMinutes: number | null }>(
    `with ${districts}, r as (
       select r.area_id, r.category, coalesce(m.district, r.area_id) as district, ${WEEK('r.created_at')} as week,
              ${ACTED_ON} as acted_on, ${CLOSED} as closed, extract(epoch from ${FIRST_ACTION} - r.created_at) / 60 as minutes
       from reports r left join m on m.area_id = r.area_id
       where r.created_at >= $1 and r.created_at < $2 and ${inScope('r')}
     )
     select ${groupColumns(ALL)}, count(*)::int as received, (count(*) filter (where acted_on))::int as "actedOn",
            (count(*) filter (where closed))::int as closed, round(percentile_cont(0.5) within group (order by minutes)::numeric)::int as "medianActionMinutes"
     from r group by ${groupingSets(ALL)}`,
    params,
  );

  // Escalations have no category: with one chosen, there is no reply time to show.
  const replies =
    filter.category === null
      ? await sql.query<{ group: DashboardGroup; key: string | null; medianReplyMinutes: number | null }>(
          `with ${districts}, c as (
             select c.area_id, coalesce(m.district, c.area_id) as district, ${WEEK('c.created_at')} as week,
                    extract(epoch from c.first_response_at - c.created_at) / 60 as minutes
             from conversations c left join m on m.area_id = c.area_id
             where c.created_at >= $1 and c.created_at < $2 and ($3::text[] is null or c.area_id = any($3)) and $4::text is null
           )
           select ${groupColumns(PLACES)}, round(percentile_cont(0.5) within group (order by minutes)::numeric)::int as "medianReplyMinutes"
           from c group by ${groupingSets(PLACES)}`,
          params,
        )
      : [];

  const feedback = await sql.query<{ group: DashboardGroup; key: string | null; answers: number; t1: number; t2: number; t3: number; t4: number; t5: number; yes: number; no: number }>(
    `with ${districts}, f as (
       select f.area_id, f.category, coalesce(m.district, f.area_id) as district,
              to_char(date_trunc('week', f.created_on::timestamp), 'YYYY-MM-DD') as week, f.rating, f.would_report_again as again
       from feedback f left join m on m.area_id = f.area_id
       where f.created_on >= ($1::timestamptz at time zone ${KARACHI})::date and f.created_on < ($2::timestamptz at time zone ${KARACHI})::date and ${inScope('f')}
     )
     select ${groupColumns(ALL)}, count(*)::int as answers,
            ${[1, 2, 3, 4, 5].map((n) => `(count(*) filter (where rating = ${n}))::int as t${n}`).join(', ')},
            (count(*) filter (where again))::int as yes, (count(*) filter (where not again))::int as no
     from f group by ${groupingSets(ALL)}`,
    params,
  );

  const rows = new Map<string, DashboardRow>();
  const row = (group: DashboardGroup, key: string | null) => {
    // Feedback given after a conversation has no category; it counts in the weeks and the total only.
    if (key === null) return null;
    const id = `${group}:${key}`;
    const found = rows.get(id) ?? { group, key, ...emptyFigures() };
    rows.set(id, found);
    return found;
  };
  for (const r of reports) {
    const target = row(r.group, r.key);
    if (target) Object.assign(target, { received: r.received, actedOn: r.actedOn, closed: r.closed, medianActionMinutes: r.medianActionMinutes });
  }
  for (const r of replies) {
    const target = row(r.group, r.key);
    if (target) target.medianReplyMinutes = r.medianReplyMinutes;
  }
  for (const f of feedback) {
    const target = row(f.group, f.key);
    if (target) target.feedback = { answers: f.answers, treated: { '1': f.t1, '2': f.t2, '3': f.t3, '4': f.t4, '5': f.t5 }, again: { yes: f.yes, no: f.no } };
  }
  return [...rows.values()];
}
