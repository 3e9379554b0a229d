/**
 * Report references: "KHI-" and eight characters of Crockford's base32 (40 bits), shown in two groups of four.
 * Crockford's alphabet has no I, L, O or U, so what residents misread or mistype can be folded back.
 */

export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'KHI';

/** Builds a reference from 8 random bytes' worth of entropy supplied by the caller (the engine has no randomness). */
export function formatReference(bytes: Uint8Array): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += REFERENCE_ALPHABET[(bytes[i] ?? 0) & 31];
  return `${PREFIX}-${body.slice(0, 4)}-${body.slice(4)}`;
}

/** Canonical form of a typed reference ("khi 4f7k q9px", "4F7K-Q9PX") or null when it cannot be one. */
export function parseReference(text: string): string | null {
  let body = text.toUpperCase().replace(/[\s\-_.\u200B-\u200F\u2066-\u2069]/g, '');
  if (body.startsWith(PREFIX) && body.length === PREFIX.length + 8) body = body.slice(PREFIX.length);
  body = body.replace(/[OIL]/g, (c) => (c === 'O' ? '0' : '1'));
  if (body.length !== 8 || [...body].some((c) => !REFERENCE_ALPHABET.includes(c))) return null;
  return `${PREFIX}-${body.slice(0, 4)}-${body.slice(4)}`;
}
