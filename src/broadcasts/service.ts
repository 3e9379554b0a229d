import { type AreaDef, LANGUAGES, type Lang } from '../engine/types.ts';
import type { Catalog } from '../i18n/catalog.ts';
import type { Queues } from '../pipeline/queues.ts';
import { jobId } from '../pipeline/queues.ts';
import type { Db } from '../store/db.ts';
import {
  type Broadcast,
  cancelBroadcast,
  cancelledDeliveries,
  type DeliveryCounts,
  deliveryCounts,
  getBroadcast,
  insertBroadcast,
} from '../store/broadcasts.ts';
import { composeAlert } from './compose.ts';
import { scheduleFanOut } from './fan-out.ts';
import { deliveryJobId } from './feeder.ts';
import { type Target, TargetError, targetAreaIds } from './target.ts';
import { type AlertTexts, missingLanguageWarnings, textsProblem } from './texts.ts';
import { isAlertTopic, ALERT_TOPICS } from './topics.ts';

/**
 * What officers (the console, the API, the command line) do with alerts: send or schedule one, follow it,
 * cancel it. Every check happens here, so that each of them refuses the same things with the same reasons.
 */

export class AlertError extends Error {}

export interface AlertDeps {
  db: Db;
  queues: Queues;
  areas: AreaDef[];
}

export interface AlertRequest {
  texts: AlertTexts;
  target: Target;
  topic?: string | null;
  urgent?: boolean;
  /** When to send; now when unset. */
  sendAt?: Date | null;
  /** Who sends it (an officer's name, "cli"). */
  createdBy: string;
}

/** A scheduled time this far in the past is taken for a mistake rather than "now". */
const PAST_TOLERANCE_MS = 60_000;

/** Checks an alert without sending it: the reason it cannot be sent, and the warnings (missing languages). */
export function checkAlert(deps: Pick<AlertDeps, 'areas'>, request: AlertRequest, now = Date.now()): { areaIds: string[] | null; warnings: string[] } {
  const problem = textsProblem(request.texts);
  if (problem) throw new AlertError(problem);
  if (request.topic && !isAlertTopic(request.topic)) throw new AlertError(`unknown topic "${request.topic}"; one of ${ALERT_TOPICS.join(', ')}`);
  if (request.sendAt && Number.isNaN(request.sendAt.getTime())) throw new AlertError('the time to send is not a valid date');
  if (request.sendAt && request.sendAt.getTime() < now - PAST_TOLERANCE_MS) throw new AlertError('the time to send is in the past');
  let areaIds: string[] | null;
  try {
    areaIds = targetAreaIds(request.target, deps.areas);
  } catch (error) {
    if (error instanceof TargetError) throw new AlertError(error.message);
    throw error;
  }
  return { areaIds, warnings: missingLanguageWarnings(request.texts) };
}

/** What residents of each language will read, exactly as it will be sent, with the warnings of `checkAlert`. */
export function previewAlert(
  deps: Pick<AlertDeps, 'areas'> & { catalog: Catalog; constants: Record<string, unknown> },
  request: AlertRequest,
): { messages: Record<Lang, string>; warnings: string[] } {
  const { warnings } = checkAlert(deps, request);
  const alert = { texts: request.texts, urgent: request.urgent ?? false };
  const messages = Object.fromEntries(LANGUAGES.map((lang) => [lang, composeAlert(deps.catalog, deps.constants, alert, lang, false).text])) as Record<Lang, string>;
  return { messages, warnings };
}

/** Stores an alert and queues its fan-out for its time. */
export async function sendAlert(deps: AlertDeps, request: AlertRequest): Promise<{ broadcast: Broadcast; warnings: string[] }> {
  const { areaIds, warnings } = checkAlert(deps, request);
  const broadcast = await insertBroadcast(deps.db, {
    texts: request.texts,
    target: request.target,
    areaIds,
    topic: request.topic ?? null,
    urgent: request.urgent ?? false,
    sendAt: request.sendAt ?? null,
    createdBy: request.createdBy,
  });
  // Should this fail, the relay's sweep queues it: the database holds every unfinished broadcast.
  await scheduleFanOut(deps.queues, broadcast.id, broadcast.sendAt);
  return { broadcast, warnings };
}

const REMOVE_PAGE = 1000;

/**
 * Cancels an alert, scheduled or going out: nobody gets it from now on (a message already handed to a platform
 * cannot be called back). Its waiting jobs are taken off the queues, so they hold up nothing.
 */
export async function cancelAlert(deps: Omit<AlertDeps, 'areas'>, id: number): Promise<boolean> {
  if (!(await cancelBroadcast(deps.db, id))) return false;
  await deps.queues.broadcasts.remove(jobId('broadcast', id)).catch(() => 0);
  for (let after = 0; ; ) {
    const ids = await cancelledDeliveries(deps.db, id, after, REMOVE_PAGE);
    if (ids.length === 0) break;
    // A job that is being processed cannot be removed; its worker finds the delivery cancelled.
    await Promise.all(
      (['telegram', 'whatsapp'] as const).flatMap((platform) => ids.map((d) => deps.queues.outbound(platform).remove(deliveryJobId(d)).catch(() => 0))),
    );
    after = ids.at(-1) ?? after;
  }
  return true;
}

export interface AlertProgress extends DeliveryCounts {
  id: number;
  status: Broadcast['status'];
  urgent: boolean;
  topic: string | null;
  target: Target;
  sendAt: Date;
  /** Residents the alert is for, counted when it started going out (null before). */
  targeted: number | null;
  /** Deliveries handed to the queues so far. */
  queuedTotal: number;
  warnings: string[];
}

export async function alertProgress(db: Db, id: number): Promise<AlertProgress | null> {
  const broadcast = await getBroadcast(db, id);
  if (!broadcast) return null;
  const counts = await deliveryCounts(db, id);
  return {
    id: broadcast.id,
    status: broadcast.status,
    urgent: broadcast.urgent,
    topic: broadcast.topic,
    target: broadcast.target,
    sendAt: broadcast.sendAt,
    targeted: broadcast.targeted,
    queuedTotal: broadcast.queued,
    warnings: missingLanguageWarnings(broadcast.texts),
    ...counts,
  };
}
