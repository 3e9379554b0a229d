import type { Redis } from 'ioredis';

/** Where admins see the linking state and the QR code (src/http/whatsapp-link.ts). */
export const LINK_STATUS_PATH = '/admin/whatsapp/status';
export const LINK_QR_PATH = '/admin/whatsapp/qr.svg';

/** Where linking the number stands, as the owning process last said. */
export type LinkState =
  | { state: 'connecting' }
  | { state: 'scan-qr'; qr: string }
  | { state: 'enter-code'; code: string }
  | { state: 'open' }
  | { state: 'stopped'; reason: string };

export type LinkStatus = LinkState & { since: string };

const keyOf = (prefix: string) => `${prefix}:whatsapp:link`;

/**
 * The owner of the number writes its state to Redis, so whichever process serves HTTP can show admins the QR
 * code. It expires unless refreshed: with no owner alive, nobody is linking.
 */
export async function publishLink(redis: Redis, prefix: string, status: LinkStatus, ttlMs: number): Promise<void> {
  await redis.set(keyOf(prefix), JSON.stringify(status), 'PX', ttlMs);
}

export async function readLink(redis: Redis, prefix: string): Promise<LinkStatus | null> {
  const raw = await redis.get(keyOf(prefix));
  return raw ? (JSON.parse(raw) as LinkStatus) : null;
}

export async function clearLink(redis: Redis, prefix: string): Promise<void> {
  await redis.del(keyOf(prefix));
}
