import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 25_000;

export interface LiveStream<T> {
  /** The server-sent event's name. */
  event: string;
  pollMs: number;
  /** Reads the current value. Its first read happens before the stream starts, so a refusal is an ordinary JSON error. */
  read: () => Promise<T>;
  /** What is sent for a value (by default the value itself); sent again only when the value changed. */
  payload?: (value: T) => unknown;
  /** True when nothing more will change: the stream ends. */
  done?: (value: T) => boolean;
}

/**
 * The console's live pages: server-sent events that read a value now and then and send it whenever it changed.
 * What they show is written by whichever process handles it, so it is read again rather than announced, which
 * holds with any number of processes. Streams still open when the server closes are ended.
 */
export function liveStreams(app: FastifyInstance): <T>(request: FastifyRequest, reply: FastifyReply, stream: LiveStream<T>) => Promise<void> {
  const open = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });

  return async function live<T>(request: FastifyRequest, reply: FastifyReply, stream: LiveStream<T>): Promise<void> {
    const first = await stream.read();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    raw.write('retry: 3000\n\n');
    let last = '';
    let poll: NodeJS.Timeout | undefined;
    let heartbeat: NodeJS.Timeout | undefined;
    const stop = () => {
      clearInterval(poll);
      clearInterval(heartbeat);
      open.delete(raw);
    };
    const send = (value: T) => {
      if (raw.writableEnded) return;
      const seen = JSON.stringify(value);
      if (seen !== last) raw.write(`event: ${stream.event}\ndata: ${stream.payload ? JSON.stringify(stream.payload(value)) : seen}\n\n`);
      last = seen;
      if (stream.done?.(value)) {
        stop();
        raw.end();
      }
    };
    send(first);
    if (raw.writableEnded) return;
    let busy = false;
    poll = setInterval(() => {
      if (busy) return;
      busy = true;
      stream
        .read()
        .then(send, (error: unknown) => request.log.warn({ err: (error as Error).message, event: stream.event }, 'live stream could not read its value'))
        .finally(() => {
          busy = false;
        });
    }, stream.pollMs);
    heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    open.add(raw);
    raw.on('close', stop);
  };
}
