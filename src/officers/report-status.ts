import type { Inbox } from '../pipeline/inbox.ts';
import type { Db } from '../store/db.ts';
import { addReportEvent, findReport, REPORT_STATUSES, type ReportStatus, setReportStatus } from '../store/reports.ts';
import { getResident } from '../store/residents.ts';

export class ReportNotFoundError extends Error {}

export interface StatusChange {
  reference: string;
  status: ReportStatus;
  /** Shown to the reporter when `isPublic`; kept for officers otherwise. */
  note: string | null;
  isPublic: boolean;
  actor: string;
}

export function isReportStatus(value: string): value is ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value);
}

/**
 * Records a new status of a report and tells a named reporter: a status message, or on closing the feedback
 * questions. Anonymous reporters have no link to be told through; they see the change when they check.
 */
export async function changeReportStatus(db: Db, inbox: Inbox, change: StatusChange): Promise<{ notified: boolean }> {
  const notice = await db.tx(async (sql) => {
    const report = await findReport(sql, change.reference);
    if (!report) throw new ReportNotFoundError(`no report ${change.reference}`);
    await setReportStatus(sql, report.id, change.status);
    const eventId = await addReportEvent(sql, report.id, { status: change.status, note: change.note, isPublic: change.isPublic, actor: change.actor });
    const resident = report.residentId ? await getResident(sql, report.residentId) : null;
    return resident ? { resident, eventId } : null;
  });
  if (!notice) return { notified: false };
  // After the commit: the event id makes a repeated notice harmless.
  await inbox.event(notice.resident.id, notice.resident.addressHash, {
    id: `report-${notice.eventId}`,
    flow: change.status === 'closed' ? 'feedback' : 'report-update',
    vars: { reference: change.reference, status: { key: `status-${change.status}` }, note: change.isPublic ? change.note : null },
  });
  return { notified: true };
}
