import { Redis } from 'ioredis';

/** A connection for queues and workers: BullMQ needs commands to wait out reconnects instead of failing. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * A connection for adding jobs while someone waits for the answer (a resident's HTTP request, a platform's
 * webhook): while Redis is away a command fails at once instead of waiting in a queue until it is back, so the
 * request is answered 503 and the platform or page tries again.
 */
export function connectProducer(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, enableReadyCheck: true });
}

/** The URL without its password, to name it in messages. */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/** Fails fast, with the reason, when Redis cannot be reached: the program cannot work without it. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket error (ECONNREFUSED, ENOTFOUND…) says more than the "Connection is closed" connect() rejects with.
  let socketError: NodeJS.ErrnoException | undefined;
  probe.on('error', (error: NodeJS.ErrnoException) => {
    socketError ??= error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const cause = socketError ?? (error as NodeJS.ErrnoException);
    const reason = cause.code ?? cause.message;
    throw new Error(`Redis is not reachable at ${describeRedis(url)} (${reason}): start Redis or set REDIS_URL`);
  } finally {
    probe.disconnect();
  }
}
