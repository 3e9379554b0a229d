import type { Vars } from '../engine/types.ts';
import type { InboundMessage } from '../messages.ts';
import type { Metrics } from '../metrics.ts';
import type { Secrets } from '../secrets.ts';
import type { Backlog } from './backlog.ts';
import type { FloodGuard } from './flood-guard.ts';
import { type InboundJob, partitionOf, type Queues } from './queues.ts';

/**
 * Where adapters hand over what residents send. When `accept` resolves the message is in Redis and will be
 * handled, so the adapter may acknowledge it to the platform; a redelivery with the same id is dropped.
 */
export interface Inbox {
  /**
   * Throws BacklogFullError, queueing nothing, when too many messages wait already; except for WhatsApp, which
   * has confirmed a message before handing it over and cannot be asked to send it again.
   */
  accept(message: InboundMessage): Promise<void>;
  /** Starts `flow` for a resident (e.g. feedback after their report closed), once per event id. */
  event(residentId: string, residentKey: string, event: { id: string; flow: string; vars: Vars }): Promise<void>;
  /** Tells a waiting conversation its time is up; it does nothing if the resident answered in the meantime. */
  timeout(residentId: string, residentKey: string, token: string): Promise<void>;
}

export const INBOUND_JOB_OPTIONS = {
  // A job is retried in place by its worker (src/pipeline/conversation-workers.ts), never sent back to wait
  // behind the resident's later messages; a job that still fails is answered with an apology.
  attempts: 1,
  // Redis keeps no message, address or text once it is handled, or given up.
  removeOnComplete: true,
  removeOnFail: true,
} as const;

/**
 * A job's id in its queue and in `processed_inbound`: opaque, so that neither Redis nor the database keeps a
 * message id that names its sender (a web chat id is part of its message ids), yet the same message always
 * gets the same id, so a redelivery is recognised.
 */
export function inboundIdOf(secrets: Secrets, job: InboundJob): string {
  switch (job.kind) {
    case 'message':
      return secrets.opaqueId(`message\u0000${job.message.id}`);
    case 'notice':
      return secrets.opaqueId(`notice\u0000${job.message.id}`);
    case 'timeout':
      return secrets.opaqueId(`timeout\u0000${job.token}`);
    case 'event':
      return secrets.opaqueId(`event\u0000${job.id}`);
  }
}

/** Names a resident to the flood guard: a keyed hash of its own, so Redis never holds their address or its hash. */
export function floodTokenOf(secrets: Secrets, message: InboundMessage): string {
  return secrets.opaqueId(`flood\u0000${message.platform}\u0000${message.address}`);
}

export interface InboxLimits {
  backlog: Backlog;
  floodGuard: FloodGuard;
}

export function createInbox(queues: Queues, secrets: Secrets, metrics: Metrics, limits?: InboxLimits): Inbox {
  const queueFor = (residentKey: string) => queues.inbound[partitionOf(residentKey, queues.inbound.length)];
  const add = async (residentKey: string, job: InboundJob, delayUntil = 0) => {
    // The delay is counted from the job's own time stamp, so held messages wait in exactly the order decided.
    const now = Date.now();
    const timing = delayUntil > now ? { timestamp: now, delay: delayUntil - now } : {};
    await queueFor(residentKey)?.add(job.kind, job, { ...INBOUND_JOB_OPTIONS, jobId: inboundIdOf(secrets, job), ...timing });
  };
  /**
   * A message that comes faster than the resident's rate is queued to wait until its turn (BullMQ's delayed
   * set), so the partition goes on with other residents meanwhile; the first one held brings a notice.
   */
  const accept = async (message: InboundMessage) => {
    if (message.platform !== 'whatsapp') await limits?.backlog.admit();
    const residentKey = secrets.hashAddress(message.platform, message.address);
    const job: InboundJob = { kind: 'message', message };
    const verdict = limits ? await limits.floodGuard.check(floodTokenOf(secrets, message), inboundIdOf(secrets, job)) : { kind: 'go' as const };
    if (verdict.kind === 'go') return add(residentKey, job);
    if (verdict.firstHeld) await add(residentKey, { kind: 'notice', message });
    await add(residentKey, job, verdict.until);
  };
  return {
    accept: (message) => metrics.time('accept', () => accept(message)),
    event: (residentId, residentKey, event) => add(residentKey, { kind: 'event', id: event.id, residentId, flow: event.flow, vars: event.vars }),
    timeout: (residentId, residentKey, token) => add(residentKey, { kind: 'timeout', residentId, token }),
  };
}
