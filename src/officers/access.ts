import type { AreaDef } from '../engine/types.ts';

export const ROLES = ['admin', 'officer', 'liaison'] as const;
export type OfficerRole = (typeof ROLES)[number];

/** The officer behind a console session, as every service sees them. */
export interface Officer {
  id: string;
  username: string;
  name: string;
  role: OfficerRole;
  /** District and area ids as assigned. */
  areas: string[];
}

/** A request outside the officer's role or areas: the API answers 403 with the message. */
export class ForbiddenError extends Error {
  readonly statusCode = 403;
}

/** Something asked for that does not exist (or that the officer may not know exists): 404. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
}

/** A request that cannot be done as asked (claimed by someone else, a bad value): 409 or 400. */
export class ConflictError extends Error {
  readonly statusCode = 409;
}

/**
 * Every area id an officer covers: an assigned district brings all its areas (reports may be filed against a
 * district or one of its areas). Null for admins, who see everything.
 */
export function coveredAreas(officer: Officer, areas: AreaDef[]): string[] | null {
  if (officer.role === 'admin') return null;
  const covered = new Set(officer.areas);
  for (const area of areas) if (area.district && covered.has(area.district)) covered.add(area.id);
  return [...covered];
}

export function covers(officer: Officer, areas: AreaDef[], areaId: string): boolean {
  const covered = coveredAreas(officer, areas);
  return covered === null || covered.includes(areaId);
}

/** Refuses officers whose role is not among `roles` (admins may do everything). */
export function requireRole(officer: Officer, ...roles: OfficerRole[]): void {
  if (officer.role !== 'admin' && !roles.includes(officer.role)) {
    throw new ForbiddenError(`this needs the role ${['admin', ...roles].join(' or ')}; you are ${officer.role}`);
  }
}
