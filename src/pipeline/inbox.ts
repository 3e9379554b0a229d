import type { Vars } from '../engine/types.ts';
import type { InboundMessage } from '../messages.ts';
import type { Metrics } from '../metrics.ts';
import type { Secrets } from '../secrets.ts';
import { type InboundJob, jobId, partitionOf, type Queues } from './queues.ts';

/**
 * Where adapters hand over what residents send. When `accept` resolves the message is in Redis and will be
 * handled, so the adapter may acknowledge it to the platform; a redelivery with the same id is dropped.
 */
export interface Inbox {
  accept(message: InboundMessage): Promise<void>;
  /** Starts `flow` for a resident (e.g. feedback after their report closed), once per event id. */
  event(residentId: string, residentKey: string, event: { id: string; flow: string; vars: Vars }): Promise<void>;
  /** Tells a waiting conversation its time is up; it does nothing if the resident answered in the meantime. */
  timeout(residentId: string, residentKey: string, token: string): Promise<void>;
}

export const INBOUND_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'fixed', delay: 2000 },
  // The database remembers what was processed; Redis keeps no message text once it is handled.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export function createInbox(queues: Queues, secrets: Secrets, metrics: Metrics): Inbox {
  const queueFor = (residentKey: string) => queues.inbound[partitionOf(residentKey, queues.inbound.length)];
  const add = async (residentKey: string, id: string, job: InboundJob) => {
    await queueFor(residentKey)?.add(job.kind, job, { ...INBOUND_JOB_OPTIONS, jobId: id });
  };
  return {
    accept: (message) =>
      metrics.time('accept', () => add(secrets.hashAddress(message.platform, message.address), jobId(message.id), { kind: 'message', message })),
    event: (residentId, residentKey, event) =>
      add(residentKey, jobId('event', event.id), { kind: 'event', id: event.id, residentId, flow: event.flow, vars: event.vars }),
    timeout: (residentId, residentKey, token) => add(residentKey, jobId('timeout', token), { kind: 'timeout', residentId, token }),
  };
}
