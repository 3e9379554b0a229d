import { availableParallelism } from 'node:os';
import argon2 from 'argon2';

/**
 * argon2id takes 64 MiB and a noticeable part of a second per hash, on purpose. A burst of logins must not
 * take all memory or every core at once: at most this many hashes run together, the rest wait their turn.
 */
const PARALLEL = Math.max(1, Math.min(4, availableParallelism() - 1));
const MIN_LENGTH = 10;
const MAX_LENGTH = 200;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resume) => waiting.push(resume));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Why a password cannot be used, or null when it can. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_LENGTH) return `the password must have at least ${MIN_LENGTH} characters`;
  if (password.length > MAX_LENGTH) return `the password must have at most ${MAX_LENGTH} characters`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => argon2.hash(password, { type: argon2.argon2id }));
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return limited(() => argon2.verify(hash, password).catch(() => false));
}

// Checked when there is no account, so a wrong user name takes as long as a wrong password.
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('no account has this password');
  return decoy;
}
