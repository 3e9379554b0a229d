import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Keys derived from SECRET_KEY: one to find a resident by address (keyed hash), one to encrypt the address
 * so replies and alerts can still reach them. A database dump alone reveals no phone number or chat id.
 */
export interface Secrets {
  hashAddress(platform: string, address: string): string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** A stable token for `purpose`, derived from the key (e.g. the Telegram webhook secret when none is set). */
  token(purpose: string): string;
  /**
   * The same value always gives the same id, and the id says nothing of the value: names for queue jobs and
   * records that must not carry a resident's id or address (a web chat id is part of its message ids).
   */
  opaqueId(value: string): string;
}

export function createSecrets(master: Buffer): Secrets {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const hashKey = derive('mohalla address hash');
  const encKey = derive('mohalla address encryption');
  const idKey = derive('mohalla opaque ids');
  return {
    hashAddress: (platform, address) => createHmac('sha256', hashKey).update(`${platform}\u0000${address}`).digest('base64url'),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    token: (purpose) => derive(`mohalla token ${purpose}`).toString('base64url'),
    opaqueId: (value) => createHmac('sha256', idKey).update(value).digest('base64url').slice(0, 22),
  };
}

/** The configured key, or one generated once into the data folder so a first start needs no setup. */
export function loadMasterKey(configured: Buffer | undefined, file: string): { key: Buffer; generated: boolean } {
  if (configured) return { key: configured, generated: false };
  const read = () => Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (existsSync(file)) return { key: read(), generated: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    // 'wx': when two processes start at once, the second reads the first one's key instead of replacing it.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { key: read(), generated: false };
    throw error;
  }
  return { key, generated: true };
}
