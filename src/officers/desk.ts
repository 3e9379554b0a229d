import type { AreaDef } from '../engine/types.ts';
import type { Inbox } from '../pipeline/inbox.ts';
import { audit } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { exportReports, listReports, type ReportDetail, type ReportEvent, type ReportFilter, reportDetail, reportEvents } from '../store/desk.ts';
import type { RejectedReason, ReportStatus } from '../store/reports.ts';
import { coveredAreas, ForbiddenError, NotFoundError, type Officer, requireRole } from './access.ts';
import { askReporter, changeReportStatus } from './report-status.ts';

/** The reports desk: what officers see of reports and what they do with them, within their areas. */
export interface DeskDeps {
  db: Db;
  inbox: Inbox;
  areas: AreaDef[];
}

export interface DeskQuery {
  district?: string | undefined;
  area?: string | undefined;
  category?: string | undefined;
  status?: string | undefined;
  /** Dates (YYYY-MM-DD, Karachi), both days included. */
  from?: string | undefined;
  to?: string | undefined;
  anonymous?: boolean | undefined;
}

const KARACHI = '+05:00';

function dayStart(day: string | undefined, plusDays = 0): Date | null {
  if (!day) return null;
  const date = new Date(`${day}T00:00:00${KARACHI}`);
  return new Date(date.getTime() + plusDays * 86_400_000);
}

function filterOf(deps: DeskDeps, officer: Officer, query: DeskQuery): ReportFilter {
  const district = query.district ? [query.district, ...deps.areas.filter((a) => a.district === query.district).map((a) => a.id)] : null;
  return {
    areas: coveredAreas(officer, deps.areas),
    district,
    area: query.area ?? null,
    category: query.category ?? null,
    status: query.status ?? null,
    from: dayStart(query.from),
    to: dayStart(query.to, 1),
    anonymous: query.anonymous ?? null,
  };
}

export function listDesk(deps: DeskDeps, officer: Officer, query: DeskQuery, page: number, pageSize: number) {
  return listReports(deps.db, filterOf(deps, officer, query), pageSize, (page - 1) * pageSize);
}

export function exportDesk(deps: DeskDeps, officer: Officer, query: DeskQuery) {
  return exportReports(deps.db, filterOf(deps, officer, query));
}

/** A report the officer may see; one outside their areas is refused (403), an unknown one is 404. */
export async function viewReport(deps: DeskDeps, officer: Officer, reference: string): Promise<{ report: ReportDetail; events: ReportEvent[] }> {
  const report = await reportDetail(deps.db, reference);
  if (!report) throw new NotFoundError(`no report ${reference}`);
  const covered = coveredAreas(officer, deps.areas);
  if (covered && !covered.includes(report.areaId)) throw new ForbiddenError(`report ${reference} is outside your areas`);
  return { report, events: await reportEvents(deps.db, report.id) };
}

export async function setStatus(
  deps: DeskDeps,
  officer: Officer,
  change: { reference: string; status: ReportStatus; rejectedReason?: RejectedReason | undefined; note: string | null; isPublic: boolean },
): Promise<{ notified: boolean }> {
  requireRole(officer, 'officer');
  await viewReport(deps, officer, change.reference);
  const result = await changeReportStatus(deps.db, deps.inbox, { ...change, actor: officer.username, officerId: officer.id });
  await audit(deps.db, officer.id, 'report.status', change.reference, { status: change.status, reason: change.rejectedReason ?? null, public: change.isPublic });
  return result;
}

export async function askQuestion(deps: DeskDeps, officer: Officer, reference: string, question: string): Promise<{ notified: boolean }> {
  requireRole(officer, 'officer');
  await viewReport(deps, officer, reference);
  const result = await askReporter(deps.db, deps.inbox, { reference, question, actor: officer.username, officerId: officer.id });
  await audit(deps.db, officer.id, 'report.question', reference);
  return result;
}
