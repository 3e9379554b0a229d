import type { AreaDef } from '../engine/types.ts';
import type { Db } from '../store/db.ts';
import { type DashboardRow, dashboardFigures, emptyFigures, type TrustFigures } from '../store/dashboard.ts';
import { coveredAreas, ForbiddenError, type Officer } from './access.ts';
import { areaAndParts } from './public-figures.ts';

/** The weeks shown when none are asked for. */
export const DEFAULT_WEEKS = 12;
/** The longest span one request may cover: two years of weeks. */
export const MAX_WEEKS = 104;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const KARACHI_MS = 5 * 3_600_000;

export interface DashboardDeps {
  db: Db;
  areas: AreaDef[];
}

export interface DashboardQuery {
  district?: string | undefined;
  area?: string | undefined;
  category?: string | undefined;
  /** Any day (YYYY-MM-DD) of the first and of the last week shown. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface Dashboard {
  /** Mondays of the first and the last week. */
  from: string;
  to: string;
  weeks: (TrustFigures & { week: string })[];
  total: TrustFigures;
  districts: (TrustFigures & { id: string })[];
  areas: (TrustFigures & { id: string })[];
  categories: (TrustFigures & { id: string })[];
}

/** A filter the dashboard cannot answer (a span the wrong way round or too long): 400. */
export class InvalidRangeError extends Error {
  readonly statusCode = 400;
}

/** Midnight (Karachi) of the Monday of the week `day` falls in; `day` defaults to today in Karachi. */
function mondayOf(day: string | undefined, now: number): Date {
  const midnight = day ? Date.parse(`${day}T00:00:00Z`) : Math.floor((now + KARACHI_MS) / DAY_MS) * DAY_MS;
  if (Number.isNaN(midnight)) throw new InvalidRangeError(`not a day: ${day}`);
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - weekday * DAY_MS - KARACHI_MS);
}

const dayOf = (monday: Date) => new Date(monday.getTime() + KARACHI_MS).toISOString().slice(0, 10);

/**
 * Reports received, acted on and closed, the median times to the police's first action and to a liaison
 * officer's first reply, and the residents' feedback, per Karachi week and per district, area and category.
 * Officers and liaison officers see their own areas; a district or area filter outside them is refused (403)
 * rather than answered with zeros that would read as "nothing happened there". Admins see the city.
 */
export async function dashboard(deps: DashboardDeps, officer: Officer, query: DashboardQuery, now = Date.now()): Promise<Dashboard> {
  const covered = coveredAreas(officer, deps.areas);
  for (const place of [query.district, query.area]) {
    if (place && covered && !covered.includes(place)) throw new ForbiddenError(`${place} is outside your areas`);
  }
  let areas = covered;
  const narrow = (ids: string[]) => {
    areas = areas === null ? ids : areas.filter((id) => ids.includes(id));
  };
  if (query.district) narrow(areaAndParts(query.district, deps.areas));
  if (query.area) narrow([query.area]);

  const to = mondayOf(query.to, now);
  const from = query.from ? mondayOf(query.from, now) : new Date(to.getTime() - (DEFAULT_WEEKS - 1) * WEEK_MS);
  const count = Math.round((to.getTime() - from.getTime()) / WEEK_MS) + 1;
  if (count < 1) throw new InvalidRangeError('the first week comes after the last');
  if (count > MAX_WEEKS) throw new InvalidRangeError(`at most ${MAX_WEEKS} weeks at a time`);

  const districtOf = Object.fromEntries(deps.areas.filter((a) => a.district).map((a) => [a.id, a.district as string]));
  const rows = await dashboardFigures(deps.db, { from, to: new Date(to.getTime() + WEEK_MS), areas, category: query.category ?? null, districtOf });
  const figures = ({ group: _g, key: _k, ...rest }: DashboardRow) => rest;
  const of = (group: DashboardRow['group']) => rows.filter((r) => r.group === group);
  const byKey = new Map(of('week').map((r) => [r.key, figures(r)]));
  const weeks = Array.from({ length: count }, (_, i) => {
    const week = dayOf(new Date(from.getTime() + i * WEEK_MS));
    return { week, ...(byKey.get(week) ?? emptyFigures()) };
  });
  const listed = (group: DashboardRow['group']) =>
    of(group)
      .map((r) => ({ id: r.key, ...figures(r) }))
      .sort((a, b) => b.received - a.received || a.id.localeCompare(b.id));
  const total = of('total')[0];
  return {
    from: dayOf(from),
    to: dayOf(to),
    weeks,
    total: total ? figures(total) : emptyFigures(),
    districts: listed('district'),
    areas: listed('area'),
    categories: listed('category'),
  };
}
