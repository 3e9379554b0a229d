import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

const KEY_BYTES = 32;
const IV_BYTES = 12;
// Pinned: unless told the tag's length, GCM takes any tag from 4 bytes, and a short tag is easy to forge.
const TAG_BYTES = 16;

/** A key as SECRET_KEY and the key file hold it: 64 hex digits, or base64. */
export function decodeKey(text: string): Buffer {
  return Buffer.from(text, /^[0-9a-f]{64}$/i.test(text) ? 'hex' : 'base64');
}

export function createSecrets(master: Buffer): Secrets {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const hashKey = derive('mohalla address hash');
  const encKey = derive('mohalla address encryption');
  const idKey = derive('mohalla opaque ids');
  return {
    hashAddress: (platform, address) => createHmac('sha256', hashKey).update(`${platform}\u0000${address}`).digest('base64url'),
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value is too short to hold a nonce and a whole tag');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    token: (purpose) => derive(`mohalla token ${purpose}`).toString('base64url'),
    opaqueId: (value) => createHmac('sha256', idKey).update(value).digest('base64url').slice(0, 22),
  };
}

/** The key in `file`; a file that holds anything else stops the start rather than encrypt with a wrong key. */
function readKey(file: string): Buffer {
  const key = decodeKey(readFileSync(file, 'utf8').trim());
  if (key.length !== KEY_BYTES) {
    throw new Error(`${file} holds ${key.length} bytes where a key has ${KEY_BYTES}: restore it from a backup, or set SECRET_KEY (a new key makes stored addresses unreadable)`);
  }
  return key;
}

/** Writes `text` to a new file and waits for the disk: a key lost in a crash would make the data unreadable. */
function writeDurably(file: string, text: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The configured key, or one generated once into the data folder so a first start needs no setup. */
export function loadMasterKey(configured: Buffer | undefined, file: string): { key: Buffer; generated: boolean } {
  if (configured) return { key: configured, generated: false };
  if (existsSync(file)) return { key: readKey(file), generated: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // The key is written whole under a name of its own, then linked into place: the key file is never seen
  // half-written, and link() (unlike rename) never replaces, so of processes starting at once exactly one
  // creates the file and the others read its key.
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeDurably(temporary, `${key.toString('base64')}\n`);
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { key: readKey(file), generated: false };
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return { key, generated: true };
}
