import type { AreaDef, Lang } from '../engine/types.ts';
import type { Catalog } from '../i18n/catalog.ts';
import type { Queues } from '../pipeline/queues.ts';
import { audit } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { type Broadcast, type BroadcastScope, type DeliveryCounts, getBroadcast, listBroadcasts } from '../store/broadcasts.ts';
import { AlertError, type AlertProgress, type AlertRequest, alertProgress, cancelAlert, checkAlert, previewAlert, sendAlert } from '../broadcasts/service.ts';
import type { Target } from '../broadcasts/target.ts';
import { type AlertTexts, type MissingLanguage, missingLanguages, missingLanguageWarnings } from '../broadcasts/texts.ts';
import { ALERT_TOPICS } from '../broadcasts/topics.ts';
import { coveredAreas, ForbiddenError, NotFoundError, type Officer, requireRole } from './access.ts';

/**
 * Police alerts from the console: who may send where, and a record of each send and cancel. Admins reach the
 * whole city, districts and areas; officers only their own districts and the areas they cover; liaison
 * officers send none.
 */
export interface AlertDeskDeps {
  db: Db;
  queues: Queues;
  areas: AreaDef[];
  catalog: Catalog;
  constants: Record<string, unknown>;
}

/** An alert that cannot be sent as written (no text, a past time, an unknown area): 400 with the reason. */
export class AlertRequestError extends Error {
  readonly statusCode = 400;
}

/** What an officer writes in the console; who sends it comes from their session. */
export type AlertDraft = Omit<AlertRequest, 'createdBy'>;

export interface AlertChoices {
  topics: readonly string[];
  city: boolean;
  districts: string[];
  areas: string[];
}

/** The topics, and the targets this officer may choose. */
export function alertChoices(deps: Pick<AlertDeskDeps, 'areas'>, officer: Officer): AlertChoices {
  requireRole(officer, 'officer');
  const scope = scopeOf(deps, officer);
  const ids = (kind: string) => deps.areas.filter((a) => a.kind === kind).map((a) => a.id);
  return scope ? { topics: ALERT_TOPICS, city: false, ...scope } : { topics: ALERT_TOPICS, city: true, districts: ids('district'), areas: ids('area') };
}

/** The districts (assigned) and areas (assigned, or in an assigned district) an officer may alert; null: anywhere. */
function scopeOf(deps: Pick<AlertDeskDeps, 'areas'>, officer: Officer): BroadcastScope | null {
  const covered = coveredAreas(officer, deps.areas);
  if (covered === null) return null;
  const kind = new Map(deps.areas.map((a) => [a.id, a.kind]));
  return {
    districts: officer.areas.filter((id) => kind.get(id) === 'district'),
    areas: covered.filter((id) => kind.get(id) === 'area'),
  };
}

function checkTarget(deps: Pick<AlertDeskDeps, 'areas'>, officer: Officer, target: Target): void {
  const scope = scopeOf(deps, officer);
  if (scope === null) return;
  if (target.city) throw new ForbiddenError('only an admin may send an alert to the whole city; choose districts or areas of your own');
  const outside = [...target.districts.filter((id) => !scope.districts.includes(id)), ...target.areas.filter((id) => !scope.areas.includes(id))];
  if (outside.length > 0) throw new ForbiddenError(`outside your districts and areas, you may not send alerts there: ${outside.join(', ')}`);
}

/** Validity first (400), then the officer's reach (403). */
function check(deps: AlertDeskDeps, officer: Officer, draft: AlertDraft): void {
  requireRole(officer, 'officer');
  try {
    checkAlert(deps, { ...draft, createdBy: officer.username });
  } catch (error) {
    if (error instanceof AlertError) throw new AlertRequestError(error.message);
    throw error;
  }
  checkTarget(deps, officer, draft.target);
}

export function previewForOfficer(deps: AlertDeskDeps, officer: Officer, draft: AlertDraft): { messages: Record<Lang, string>; warnings: string[]; missing: MissingLanguage[] } {
  check(deps, officer, draft);
  const { messages, warnings } = previewAlert(deps, { ...draft, createdBy: officer.username });
  return { messages, warnings, missing: missingLanguages(draft.texts) };
}

export async function sendForOfficer(deps: AlertDeskDeps, officer: Officer, draft: AlertDraft): Promise<{ alert: AlertView; warnings: string[] }> {
  check(deps, officer, draft);
  const { broadcast, warnings } = await sendAlert(deps, { ...draft, createdBy: officer.username });
  await audit(deps.db, officer.id, 'alert.send', String(broadcast.id), {
    target: broadcast.target,
    topic: broadcast.topic,
    urgent: broadcast.urgent,
    sendAt: draft.sendAt ? broadcast.sendAt.toISOString() : null,
  });
  return { alert: await progressForOfficer(deps, officer, broadcast.id), warnings };
}

/** An alert as the console shows it: its figures so far, and whether anything is left to happen. */
export interface AlertView extends Omit<AlertProgress, 'warnings'> {
  texts: AlertTexts;
  createdBy: string;
  createdAt: Date;
  warnings: string[];
  missing: MissingLanguage[];
  /** Cancelled, or fully queued with no delivery left waiting: its figures will not change any more. */
  finished: boolean;
}

function finished(status: Broadcast['status'], counts: DeliveryCounts): boolean {
  return status === 'cancelled' || (status === 'sent' && counts.queued + counts.sending === 0);
}

function viewOf(progress: AlertProgress, broadcast: Pick<Broadcast, 'texts' | 'createdBy' | 'createdAt'>): AlertView {
  return {
    ...progress,
    texts: broadcast.texts,
    createdBy: broadcast.createdBy,
    createdAt: broadcast.createdAt,
    missing: missingLanguages(broadcast.texts),
    finished: finished(progress.status, progress),
  };
}

/** Alerts newest first: all of them for admins, for officers those aimed within their reach. */
export async function listForOfficer(deps: Pick<AlertDeskDeps, 'db' | 'areas'>, officer: Officer, page: number, pageSize: number): Promise<{ alerts: AlertView[]; total: number }> {
  requireRole(officer, 'officer');
  const { broadcasts, total } = await listBroadcasts(deps.db, scopeOf(deps, officer), pageSize, (page - 1) * pageSize);
  const alerts = broadcasts.map((b) => ({
    id: b.id,
    status: b.status,
    urgent: b.urgent,
    topic: b.topic,
    target: b.target,
    sendAt: b.sendAt,
    targeted: b.targeted,
    queuedTotal: b.queued,
    ...b.counts,
    texts: b.texts,
    createdBy: b.createdBy,
    createdAt: b.createdAt,
    warnings: missingLanguageWarnings(b.texts),
    missing: missingLanguages(b.texts),
    finished: finished(b.status, b.counts),
  }));
  return { alerts, total };
}

/** One alert's figures; one aimed outside the officer's reach is refused. */
export async function progressForOfficer(deps: Pick<AlertDeskDeps, 'db' | 'areas'>, officer: Officer, id: number): Promise<AlertView> {
  requireRole(officer, 'officer');
  const [progress, broadcast] = await Promise.all([alertProgress(deps.db, id), getBroadcast(deps.db, id)]);
  if (!progress || !broadcast) throw new NotFoundError(`no alert ${id}`);
  try {
    checkTarget(deps, officer, progress.target);
  } catch {
    throw new ForbiddenError(`alert ${id} was sent outside your districts and areas`);
  }
  return viewOf(progress, broadcast);
}

/** Cancels an alert within the officer's reach; false when it was over already (sent out, or cancelled). */
export async function cancelForOfficer(deps: AlertDeskDeps, officer: Officer, id: number): Promise<boolean> {
  const progress = await progressForOfficer(deps, officer, id);
  if (progress.finished) return false;
  const cancelled = await cancelAlert(deps, id);
  if (cancelled) await audit(deps.db, officer.id, 'alert.cancel', String(id), { status: progress.status, sent: progress.sent });
  return cancelled;
}
