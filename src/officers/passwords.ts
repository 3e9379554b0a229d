import argon2 from 'argon2';
import { argon2Slots } from '../hashing.ts';

const MIN_LENGTH = 10;
const MAX_LENGTH = 200;

/** Why a password cannot be used, or null when it can. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_LENGTH) return `the password must have at least ${MIN_LENGTH} characters`;
  if (password.length > MAX_LENGTH) return `the password must have at most ${MAX_LENGTH} characters`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2Slots(() => argon2.hash(password, { type: argon2.argon2id }));
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2Slots(() => argon2.verify(hash, password).catch(() => false));
}

// Checked when there is no account, so a wrong user name takes as long as a wrong password.
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('no account has this password');
  return decoy;
}
