import type { AreaDef } from '../engine/types.ts';
import type { Inbox } from '../pipeline/inbox.ts';
import { audit } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import {
  addOfficerReply,
  claimEscalation,
  closeEscalation,
  type Escalation,
  escalationMessages,
  getEscalation,
  listOpenEscalations,
  reassignEscalation,
} from '../store/escalations.ts';
import { getOfficer } from '../store/officers.ts';
import { ConflictError, covers, coveredAreas, ForbiddenError, NotFoundError, type Officer, requireRole } from './access.ts';

/** The liaison inbox: escalations of the officer's areas, claimed by one officer, answered through the outbox. */
export interface LiaisonDeps {
  db: Db;
  inbox: Inbox;
  areas: AreaDef[];
}

export function openEscalations(deps: LiaisonDeps, officer: Officer) {
  requireRole(officer, 'liaison');
  return listOpenEscalations(deps.db, coveredAreas(officer, deps.areas));
}

async function visible(deps: LiaisonDeps, officer: Officer, id: string): Promise<Escalation> {
  requireRole(officer, 'liaison');
  const escalation = await getEscalation(deps.db, id);
  if (!escalation) throw new NotFoundError('no such conversation');
  if (!covers(officer, deps.areas, escalation.areaId)) throw new ForbiddenError('this conversation is outside your areas');
  return escalation;
}

/** Only the officer who claimed a conversation (or an admin) may answer, hand over or close it. */
function mustHold(officer: Officer, escalation: Escalation): void {
  if (escalation.status === 'closed') throw new ConflictError('this conversation is closed');
  if (escalation.status !== 'claimed') throw new ConflictError('claim this conversation first');
  if (escalation.claimedBy !== officer.id && officer.role !== 'admin') throw new ConflictError(`${escalation.claimedByName ?? 'another officer'} has this conversation`);
}

export async function viewEscalation(deps: LiaisonDeps, officer: Officer, id: string) {
  const escalation = await visible(deps, officer, id);
  const { residentId: _r, addressHash: _a, ...shown } = escalation;
  return { escalation: shown, messages: await escalationMessages(deps.db, id) };
}

export async function claim(deps: LiaisonDeps, officer: Officer, id: string): Promise<void> {
  await visible(deps, officer, id);
  if (!(await claimEscalation(deps.db, id, officer.id))) throw new ConflictError('someone else has already claimed this conversation, or it is closed');
  await audit(deps.db, officer.id, 'escalation.claim', id);
}

export async function reply(deps: LiaisonDeps, officer: Officer, id: string, text: string): Promise<void> {
  const escalation = await visible(deps, officer, id);
  mustHold(officer, escalation);
  const messageId = await addOfficerReply(deps.db, id, officer.id, text);
  // Through the resident's own queue: in order with everything else they are sent, on their platform.
  await deps.inbox.event(escalation.residentId, escalation.addressHash, {
    id: `officer-reply-${messageId}`,
    flow: 'officer-reply',
    vars: { officer: officer.name, text, area: { area: escalation.areaId } },
  });
  await audit(deps.db, officer.id, 'escalation.reply', id);
}

export async function handOver(deps: LiaisonDeps, officer: Officer, id: string, toOfficerId: string): Promise<void> {
  const escalation = await visible(deps, officer, id);
  mustHold(officer, escalation);
  const target = await getOfficer(deps.db, toOfficerId);
  if (!target || target.disabled || target.role === 'officer') throw new ConflictError('hand over only to an enabled liaison officer or admin');
  if (!covers(target, deps.areas, escalation.areaId)) throw new ConflictError(`${target.name} does not cover this area`);
  if (!(await reassignEscalation(deps.db, id, target.id))) throw new ConflictError('this conversation is no longer claimed');
  await audit(deps.db, officer.id, 'escalation.hand-over', id, { to: target.username });
}

export async function close(deps: LiaisonDeps, officer: Officer, id: string): Promise<void> {
  const escalation = await visible(deps, officer, id);
  mustHold(officer, escalation);
  if (!(await closeEscalation(deps.db, id))) throw new ConflictError('this conversation is already closed');
  await deps.inbox.event(escalation.residentId, escalation.addressHash, {
    id: `officer-closed-${id}`,
    flow: 'officer-closed',
    vars: { area: { area: escalation.areaId } },
  });
  await audit(deps.db, officer.id, 'escalation.close', id);
}
