import type { AreaDef } from '../engine/types.ts';
import type { Db } from '../store/db.ts';
import {
  countAdmins,
  getOfficer,
  insertOfficer,
  type LoginRecord,
  loginRecord,
  type OfficerAccount,
  recordFailedLogin,
  recordLogin,
  updateOfficer,
} from '../store/officers.ts';
import { ConflictError, NotFoundError, type Officer, type OfficerRole } from './access.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

/** A value an admin typed that cannot be used: the API answers 400 with the message. */
export class InvalidAccountError extends Error {
  readonly statusCode = 400;
}

/** Wrong passwords in a row before an account refuses logins for a while, and how long. */
export const FREE_LOGIN_FAILURES = 5;
export const LOCK_MINUTES = 15;

export const USERNAME = /^[a-z0-9._-]{3,40}$/;

function checkAreas(areas: string[], known: AreaDef[]): void {
  const unknown = areas.filter((id) => !known.some((a) => a.id === id));
  if (unknown.length > 0) throw new InvalidAccountError(`unknown area or district: ${unknown.join(', ')} (ids of data/areas.yaml)`);
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new InvalidAccountError(problem);
}

export interface NewAccount {
  username: string;
  name: string;
  role: OfficerRole;
  areas: string[];
  password: string;
}

export async function createAccount(db: Db, known: AreaDef[], account: NewAccount): Promise<OfficerAccount> {
  const username = account.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw new InvalidAccountError('the user name must be 3-40 of a-z, 0-9, ".", "_" or "-"');
  if (account.name.trim() === '') throw new InvalidAccountError('the name is empty');
  checkAreas(account.areas, known);
  if (account.role !== 'admin' && account.areas.length === 0) throw new InvalidAccountError('an officer or liaison needs at least one area or district');
  checkPassword(account.password);
  const created = await insertOfficer(db, { ...account, username, name: account.name.trim(), passwordHash: await hashPassword(account.password) });
  if (!created) throw new ConflictError(`the user name "${username}" is taken`);
  return created;
}

export interface AccountChange {
  name?: string;
  role?: OfficerRole;
  areas?: string[];
  disabled?: boolean;
  password?: string;
}

export async function changeAccount(db: Db, known: AreaDef[], id: string, change: AccountChange, by: Officer): Promise<OfficerAccount> {
  if (change.areas) checkAreas(change.areas, known);
  if (change.password !== undefined) checkPassword(change.password);
  if (change.name !== undefined && change.name.trim() === '') throw new InvalidAccountError('the name is empty');
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return db.tx(async (sql) => {
    const before = await getOfficer(sql, id);
    if (!before) throw new NotFoundError('no such account');
    const after = await updateOfficer(sql, id, {
      ...(change.name !== undefined ? { name: change.name.trim() } : {}),
      ...(change.role ? { role: change.role } : {}),
      ...(change.areas ? { areas: change.areas } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    });
    if (!after) throw new NotFoundError('no such account');
    if (after.role !== 'admin' && after.areas.length === 0) throw new InvalidAccountError('an officer or liaison needs at least one area or district');
    // Nobody could manage the accounts any more.
    if ((await countAdmins(sql)) === 0) throw new ConflictError('this would leave no enabled admin');
    if (id === by.id && after.disabled) throw new ConflictError('you cannot disable your own account');
    return after;
  });
}

export type LoginResult =
  | { kind: 'ok'; officer: Officer; epoch: number }
  | { kind: 'wrong' }
  | { kind: 'locked'; until: Date };

/**
 * Checks a user name and password. Too many wrong passwords in a row lock the account for a while (the rate
 * limit per address comes on top). An unknown user name costs the same time as a known one.
 */
export async function login(db: Db, username: string, password: string): Promise<LoginResult> {
  const record: LoginRecord | null = await loginRecord(db, username.trim().toLowerCase());
  const right = await verifyPassword(record?.passwordHash ?? (await decoyHash()), password);
  if (!record || record.disabled) return { kind: 'wrong' };
  if (record.lockedUntil && record.lockedUntil > new Date()) return { kind: 'locked', until: record.lockedUntil };
  if (!right) {
    const until = await recordFailedLogin(db, record.id, FREE_LOGIN_FAILURES, LOCK_MINUTES);
    return until && until > new Date() ? { kind: 'locked', until } : { kind: 'wrong' };
  }
  await recordLogin(db, record.id);
  const { id, name, role, areas } = record;
  return { kind: 'ok', officer: { id, username: record.username, name, role, areas }, epoch: record.sessionEpoch };
}
