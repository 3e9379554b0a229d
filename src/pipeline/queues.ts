import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Vars } from '../engine/types.ts';
import type { InboundMessage, Platform } from '../messages.ts';

/**
 * Work for the conversation worker: a resident's message, a wait that timed out, an event for them, or the notice
 * that their messages come faster than they are answered (sent with the first one held back).
 */
export type InboundJob =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'notice'; message: InboundMessage }
  | { kind: 'timeout'; residentId: string; token: string }
  | { kind: 'event'; id: string; residentId: string; flow: string; vars: Vars };

/** A message of the outbox: a conversation's reply, a notice. */
export interface ReplyJob {
  outboxId: number;
  /** Pieces of a long message already delivered, so a retry does not send them again. */
  sentParts?: number;
}

/** One resident's copy of a police alert. Queued at a lower priority: replies in conversations go first. */
export interface AlertJob {
  deliveryId: number;
}

export type OutboundJob = ReplyJob | AlertJob;

/** A broadcast to fan out once its time comes. */
export interface FanOutJob {
  broadcastId: number;
}

export interface QueueSettings {
  prefix: string;
  partitions: number;
}

/**
 * Messages of one resident must be handled one at a time and in order, even with many worker processes.
 * Each resident hashes to one of P partition queues; each partition allows one active job across all
 * workers (global concurrency 1), and every worker consumes every partition.
 */
export function partitionOf(residentKey: string, partitions: number): number {
  return createHash('sha1').update(residentKey).digest().readUInt32BE(0) % partitions;
}

export const inboundQueueName = (partition: number) => `inbound-${partition}`;
export const outboundQueueName = (platform: Platform) => `outbound-${platform}`;
export const BROADCAST_QUEUE = 'broadcasts';

/** BullMQ rejects ids with colons and ids that are plain integers. */
export function jobId(...parts: (string | number)[]): string {
  return parts.join('-').replace(/:/g, '_');
}

export interface Queues {
  inbound: Queue<InboundJob>[];
  outbound(platform: Platform): Queue<OutboundJob>;
  broadcasts: Queue<FanOutJob>;
  close(): Promise<void>;
}

/**
 * BullMQ logs what happens to each job in an event stream per queue, with the time to the millisecond; nothing
 * here reads it, and a long one would let a copy of Redis line jobs up with reports. Kept to a few entries.
 */
const EVENTS_KEPT = 50;

export async function openQueues(connection: Redis, settings: QueueSettings): Promise<Queues> {
  const options = { connection, prefix: settings.prefix, streams: { events: { maxLen: EVENTS_KEPT } } };
  // Connection errors are logged once, by the program's main Redis connection; a queue without a listener
  // would print each of them.
  const quiet = <Q extends Queue>(queue: Q) => queue.on('error', () => {}) as Q;
  const inbound = Array.from({ length: settings.partitions }, (_, p) => quiet(new Queue<InboundJob>(inboundQueueName(p), options)));
  await Promise.all(inbound.map((queue) => queue.setGlobalConcurrency(1)));
  const outbound = new Map<Platform, Queue<OutboundJob>>();
  const broadcasts = quiet(new Queue<FanOutJob>(BROADCAST_QUEUE, options));
  return {
    inbound,
    broadcasts,
    outbound(platform) {
      let queue = outbound.get(platform);
      if (!queue) {
        queue = quiet(new Queue<OutboundJob>(outboundQueueName(platform), options));
        outbound.set(platform, queue);
      }
      return queue;
    },
    async close() {
      await Promise.all([...inbound, broadcasts, ...outbound.values()].map((q) => q.close()));
    },
  };
}
