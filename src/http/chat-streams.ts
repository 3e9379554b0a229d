import type { ServerResponse } from 'node:http';
import type { WebNotifier } from '../channels/web/web-notifier.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../store/db.ts';
import { forgetSecrets, listWebMessages, type WebMessage } from '../store/web-messages.ts';

export interface StreamLimits {
  /** Open streams one resident may have; a newer one ends the oldest (a page reopened on a flaky network). */
  perResident: number;
  /** Open streams in this process; past it a new one is refused. */
  total: number;
}

export interface StreamHub {
  /** Whether a new stream for the resident fits: a resident's own newer stream always does. */
  admits(residentKey: string): boolean;
  /** Streams the resident's messages after `from` into `raw`, until it closes. */
  open(residentKey: string, raw: ServerResponse, from: number): void;
  /** Ends every stream (the server is stopping). */
  endAll(): void;
}

const PAGE = 100;
const HEARTBEAT_MS = 25_000;
/** A page that stops reading while messages pile up in its buffer is let go. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

interface Stream {
  raw: ServerResponse;
  cursor: number;
  closed: boolean;
}

/** The open streams of one resident: announcements are fanned out to all of them, reading the database once. */
interface Room {
  streams: Set<Stream>;
  /** Reads and writes of the room take turns, so every stream gets its messages in order. */
  pending: Promise<void>;
  stopListening: () => void;
}

/**
 * Server-sent events of the web chat. A new stream reads what is stored after its cursor, then gets each new
 * message as it is announced, without reading it back. An announcement that follows one a stream never saw
 * (lost in a crash between the write and the announcement) makes the room read what its streams missed, once
 * for all of them; ids keep every message to once per stream. A stream whose page has gone stops at once.
 */
export function createStreamHub(db: Db, notifier: WebNotifier, log: Logger, limits: StreamLimits): StreamHub {
  const rooms = new Map<string, Room>();
  let total = 0;

  const heartbeat = setInterval(() => {
    for (const room of rooms.values()) for (const s of room.streams) s.raw.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  /** Writes what the stream has not had yet; returns whether it did. */
  function write(s: Stream, m: WebMessage): boolean {
    if (s.closed || Number(m.id) <= s.cursor) return false;
    s.raw.write(`id: ${m.id}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`);
    s.cursor = Number(m.id);
    if (s.raw.writableLength > MAX_BUFFERED_BYTES) s.raw.end();
    return true;
  }

  /** A message showing a secret is deleted once a page has it: once, however many pages had it. */
  function forget(delivered: WebMessage[]): void {
    if (delivered.some((m) => m.secret)) {
      forgetSecrets(db, delivered).catch((error) => log.warn({ err: error }, 'a delivered secret was not deleted; it goes within minutes'));
    }
  }

  /** Reads what `streams` miss after the lowest of their cursors, page by page, while any of them is open. */
  async function catchUp(key: string, streams: Stream[]): Promise<void> {
    let from = Math.min(...streams.map((s) => s.cursor));
    for (;;) {
      if (streams.every((s) => s.closed)) return;
      const messages = await listWebMessages(db, key, from, PAGE);
      const delivered = messages.filter((m) => streams.map((s) => write(s, m)).some(Boolean));
      forget(delivered);
      if (messages.length < PAGE) return;
      from = Number(messages.at(-1)?.id);
    }
  }

  function roomOf(key: string): Room {
    const existing = rooms.get(key);
    if (existing) return existing;
    const room: Room = { streams: new Set(), pending: Promise.resolve(), stopListening: () => {} };
    room.stopListening = notifier.listen(key, (message, previousId) =>
      next(room, async () => {
        const open = [...room.streams];
        const behind = open.filter((s) => s.cursor < Number(previousId));
        if (behind.length > 0) await catchUp(key, behind);
        if (open.map((s) => write(s, message)).some(Boolean)) forget([message]);
      }),
    );
    rooms.set(key, room);
    return room;
  }

  function next(room: Room, step: () => Promise<void>): void {
    room.pending = room.pending.then(step).catch((error) => log.error({ err: error }, 'web chat stream failed'));
  }

  /** A stream whose page went, or that was ended here: forgotten at once, and its room with the last one. */
  function drop(key: string, room: Room, s: Stream): void {
    if (s.closed) return;
    s.closed = true;
    total--;
    room.streams.delete(s);
    if (room.streams.size === 0 && rooms.get(key) === room) {
      room.stopListening();
      rooms.delete(key);
    }
  }

  return {
    admits(key) {
      return total < limits.total || (rooms.get(key)?.streams.size ?? 0) >= limits.perResident;
    },
    open(key, raw, from) {
      const room = roomOf(key);
      if (room.streams.size >= limits.perResident) {
        const oldest = room.streams.values().next().value;
        if (oldest) {
          drop(key, room, oldest);
          oldest.raw.end();
        }
      }
      const s: Stream = { raw, cursor: from, closed: false };
      room.streams.add(s);
      total++;
      raw.on('close', () => drop(key, room, s));
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      raw.write('retry: 2000\n\n');
      next(room, () => catchUp(key, [s]));
    },
    endAll() {
      clearInterval(heartbeat);
      for (const room of rooms.values()) for (const s of room.streams) s.raw.end();
    },
  };
}
