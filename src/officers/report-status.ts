import type { Inbox } from '../pipeline/inbox.ts';
import type { Db } from '../store/db.ts';
import {
  addReportEvent,
  findReport,
  type RejectedReason,
  REPORT_STATUSES,
  type ReportStatus,
  setReportStatus,
  statusKey,
} from '../store/reports.ts';
import { getResident } from '../store/residents.ts';

export class ReportNotFoundError extends Error {
  readonly statusCode = 404;
}

export class InvalidStatusError extends Error {
  readonly statusCode = 400;
}

export interface StatusChange {
  reference: string;
  status: ReportStatus;
  /** Needed when the status is `rejected`: the reporter is told why. */
  rejectedReason?: RejectedReason | null;
  /** Shown to the reporter when `isPublic`; kept for officers otherwise. */
  note: string | null;
  isPublic: boolean;
  actor: string;
  officerId?: string | null;
}

export function isReportStatus(value: string): value is ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value);
}

/**
 * Records a new status of a report and tells a named reporter: a status message, or on closing the feedback
 * questions. Anonymous reporters have no link to be told through; they see the change when they check.
 */
export async function changeReportStatus(db: Db, inbox: Inbox, change: StatusChange): Promise<{ notified: boolean }> {
  const reason = change.status === 'rejected' ? (change.rejectedReason ?? null) : null;
  if (change.status === 'rejected' && !reason) throw new InvalidStatusError('a rejection needs a reason: duplicate, false or out-of-scope');
  const notice = await db.tx(async (sql) => {
    const report = await findReport(sql, change.reference);
    if (!report) throw new ReportNotFoundError(`no report ${change.reference}`);
    await setReportStatus(sql, report.id, change.status, reason);
    const eventId = await addReportEvent(sql, report.id, {
      status: change.status,
      note: change.note,
      isPublic: change.isPublic,
      actor: change.actor,
      officerId: change.officerId ?? null,
    });
    const resident = report.residentId ? await getResident(sql, report.residentId) : null;
    return resident ? { resident, eventId } : null;
  });
  if (!notice) return { notified: false };
  // After the commit: the event id makes a repeated notice harmless.
  await inbox.event(notice.resident.id, notice.resident.addressHash, {
    id: `report-${notice.eventId}`,
    flow: change.status === 'closed' ? 'feedback' : 'report-update',
    vars: { reference: change.reference, status: { key: statusKey(change.status, reason) }, note: change.isPublic ? change.note : null },
  });
  return { notified: true };
}

/**
 * Asks the reporter a question. A named reporter gets it in their chat at once; an anonymous one sees it at
 * their next status check. Either way the answer lands in the report's timeline.
 */
export async function askReporter(db: Db, inbox: Inbox, ask: { reference: string; question: string; actor: string; officerId: string }): Promise<{ notified: boolean }> {
  const notice = await db.tx(async (sql) => {
    const report = await findReport(sql, ask.reference);
    if (!report) throw new ReportNotFoundError(`no report ${ask.reference}`);
    const eventId = await addReportEvent(sql, report.id, { status: null, note: ask.question, isPublic: true, actor: ask.actor, kind: 'question', officerId: ask.officerId });
    const resident = report.residentId ? await getResident(sql, report.residentId) : null;
    return resident ? { resident, eventId } : null;
  });
  if (!notice) return { notified: false };
  await inbox.event(notice.resident.id, notice.resident.addressHash, {
    id: `question-${notice.eventId}`,
    flow: 'report-question',
    vars: { reference: ask.reference, question: ask.question },
  });
  return { notified: true };
}
