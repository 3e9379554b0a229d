import { createHash } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from './db.ts';

/** Image types accepted from residents, recognised by their first bytes rather than by what the sender claims. */
const SIGNATURES: { type: string; ext: string; magic: number[] }[] = [
  { type: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/webp', ext: 'webp', magic: [0x52, 0x49, 0x46, 0x46] },
];

const HOUR_MS = 3_600_000;

export function imageType(bytes: Uint8Array): { type: string; ext: string } | null {
  return SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b)) ?? null;
}

export class MediaError extends Error {
  constructor(
    readonly reason: 'too-large' | 'not-an-image',
    message: string,
  ) {
    super(message);
  }
}

/** Reads a download to the end, giving up as soon as it is larger than a photo may be. */
export async function readLimited(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) throw new MediaError('too-large', `photo is over the limit of ${maxBytes} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Stores a photo a resident sent under DATA_DIR/media and returns its id. The same bytes sent twice (a
 * redelivered update) are stored once.
 */
export async function saveMedia(sql: Sql, dataDir: string, bytes: Uint8Array, maxBytes: number): Promise<string> {
  if (bytes.length > maxBytes) throw new MediaError('too-large', `photo of ${bytes.length} bytes is over the limit of ${maxBytes}`);
  const type = imageType(bytes);
  if (!type) throw new MediaError('not-an-image', 'not a JPEG, PNG or WebP image');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [existing] = await sql.query<{ id: string }>('select id from media where sha256 = $1', [sha256]);
  if (existing) return existing.id;
  const relative = join('media', sha256.slice(0, 2), `${sha256}.${type.ext}`);
  await mkdir(join(dataDir, 'media', sha256.slice(0, 2)), { recursive: true });
  await writeFile(join(dataDir, relative), bytes);
  // The file's times would say when the resident sent it, to the second: they keep only the hour.
  const hour = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
  await utimes(join(dataDir, relative), hour, hour);
  const [row] = await sql.query<{ id: string }>(
    `insert into media (content_type, size, sha256, path) values ($1, $2, $3, $4)
     on conflict (sha256) do update set size = excluded.size returning id`,
    [type.type, bytes.length, sha256, relative],
  );
  return (row as { id: string }).id;
}
