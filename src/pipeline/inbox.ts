import type { Vars } from '../engine/types.ts';
import type { InboundMessage } from '../messages.ts';
import type { Metrics } from '../metrics.ts';
import type { Secrets } from '../secrets.ts';
import type { Backlog } from './backlog.ts';
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
    case 'timeout':
      return secrets.opaqueId(`timeout\u0000${job.token}`);
    case 'event':
      return secrets.opaqueId(`event\u0000${job.id}`);
  }
}

export function createInbox(queues: Queues, secrets: Secrets, metrics: Metrics, backlog?: Backlog): Inbox {
  const queueFor = (residentKey: string) => queues.inbound[partitionOf(residentKey, queues.inbound.length)];
  const add = async (residentKey: string, job: InboundJob) => {
    await queueFor(residentKey)?.add(job.kind, job, { ...INBOUND_JOB_OPTIONS, jobId: inboundIdOf(secrets, job) });
  };
  return {
    accept: (message) =>
      metrics.time('accept', async () => {
        if (message.platform !== 'whatsapp') await backlog?.admit();
        await add(secrets.hashAddress(message.platform, message.address), { kind: 'message', message });
      }),
    event: (residentId, residentKey, event) => add(residentKey, { kind: 'event', id: event.id, residentId, flow: event.flow, vars: event.vars }),
    timeout: (residentId, residentKey, token) => add(residentKey, { kind: 'timeout', residentId, token }),
  };
}
