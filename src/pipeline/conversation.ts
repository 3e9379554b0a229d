import { advance, newSession, resume } from '../engine/engine.ts';
import type { FlowSet, Input, InputEnvelope, Outcome, Reply, Session } from '../engine/types.ts';
import type { Renderer } from '../i18n/render.ts';
import type { Platform } from '../messages.ts';
import type { Secrets } from '../secrets.ts';
import type { Db, Sql } from '../store/db.ts';
import { addOutbox } from '../store/outbox.ts';
import { claimInbound } from '../store/processed.ts';
import { getResident, type Resident, setResidentLanguage, upsertResident } from '../store/residents.ts';
import { loadSession, saveSession } from '../store/sessions.ts';
import { ACTIONS } from './actions.ts';
import { jobId, type InboundJob } from './queues.ts';

export interface ConversationDeps {
  db: Db;
  flows: FlowSet;
  renderer: Renderer;
  secrets: Secrets;
  now?: () => Date;
}

/** What a handled job leaves to do after its transaction committed. */
export interface Applied {
  residentId: string;
  platform: Platform;
  /** Keyed hash of the resident's address: picks the queue partition of their later jobs. */
  residentKey: string;
  outboxIds: number[];
  /** Set when the conversation now waits for an answer: the host schedules a time-out with this token. */
  waitToken: string | null;
  /** The token of a wait this job ended, whose time-out is no longer needed. */
  endedWaitToken: string | null;
}

/** The id under which a job's effects are recorded; the same job replayed finds it and changes nothing. */
export function processedIdOf(job: InboundJob): string {
  switch (job.kind) {
    case 'message':
      return job.message.id;
    case 'timeout':
      return jobId('timeout', job.residentId, job.token);
    case 'event':
      return jobId('event', job.id);
  }
}

function inputOf(job: InboundJob): Input {
  switch (job.kind) {
    case 'message':
      return job.message.input;
    case 'timeout':
      return { kind: 'timeout', token: job.token };
    case 'event':
      return { kind: 'event', name: job.flow, vars: job.vars };
  }
}

async function residentOf(sql: Sql, job: InboundJob, secrets: Secrets): Promise<Resident | null> {
  if (job.kind !== 'message') return getResident(sql, job.residentId);
  const { platform, address } = job.message;
  return upsertResident(sql, platform, secrets.hashAddress(platform, address), secrets.encrypt(address));
}

/** Runs the engine, and every action it asks for, until the conversation waits or goes idle. */
async function converse(sql: Sql, deps: ConversationDeps, resident: Resident, session: Session, env: InputEnvelope) {
  let outcome: Outcome = advance(deps.flows, session, env);
  const replies: Reply[] = [...outcome.replies];
  while (outcome.action) {
    const action = ACTIONS[outcome.action.name];
    if (!action) throw new Error(`flow asked for unknown action "${outcome.action.name}"`);
    const ctx = { sql, resident, lang: outcome.session.lang ?? 'ur', now: new Date(env.now), areas: deps.flows.areas };
    const result = await action(ctx, outcome.action.vars);
    outcome = resume(deps.flows, outcome.session, result, env);
    replies.push(...outcome.replies);
  }
  // A turn that paused for an action cannot also have started a wait before it: the last outcome decides.
  return { session: outcome.session, replies, waiting: outcome.waiting };
}

async function finish(sql: Sql, deps: ConversationDeps, resident: Resident, session: Session, replies: Reply[]): Promise<number[]> {
  await saveSession(sql, resident.id, session);
  await setResidentLanguage(sql, resident.id, session.lang);
  const message = deps.renderer.render(replies);
  return message ? [await addOutbox(sql, resident.id, resident.platform, message)] : [];
}

/**
 * Applies one inbound job in one transaction: the processed id, the resident, their new session, every
 * effect of the flow and the replies to send. Returns null when the job was already applied.
 */
export async function applyJob(deps: ConversationDeps, job: InboundJob): Promise<Applied | null> {
  const now = (deps.now ?? (() => new Date()))();
  return deps.db.tx(async (sql) => {
    const id = processedIdOf(job);
    if (!(await claimInbound(sql, id))) return null;
    const resident = await residentOf(sql, job, deps.secrets);
    if (!resident) return null;
    const session = await loadSession(sql, resident.id);
    if (!session.lang && resident.language) session.lang = resident.language;
    const env: InputEnvelope = { id, now: now.toISOString(), input: inputOf(job) };
    const result = await converse(sql, deps, resident, session, env);
    const outboxIds = await finish(sql, deps, resident, result.session, result.replies);
    const ended = session.waitToken && session.waitToken !== result.session.waitToken ? session.waitToken : null;
    return {
      residentId: resident.id,
      platform: resident.platform,
      residentKey: resident.addressHash,
      outboxIds,
      waitToken: result.waiting ? id : null,
      endedWaitToken: job.kind === 'timeout' ? null : ended,
    };
  });
}

/**
 * When a job cannot be applied (a bug in a flow, a broken action), the resident still gets an answer and a
 * fresh start instead of silence, and the job counts as handled so it does not fail forever.
 */
export async function applyFallback(deps: ConversationDeps, job: InboundJob): Promise<Applied | null> {
  return deps.db.tx(async (sql) => {
    if (!(await claimInbound(sql, processedIdOf(job)))) return null;
    const resident = await residentOf(sql, job, deps.secrets);
    if (!resident) return null;
    const previous = await loadSession(sql, resident.id);
    const session = { ...newSession(), lang: previous.lang ?? resident.language };
    const outboxIds = await finish(sql, deps, resident, session, [{ key: 'error-sorry', lang: session.lang }]);
    return { residentId: resident.id, platform: resident.platform, residentKey: resident.addressHash, outboxIds, waitToken: null, endedWaitToken: null };
  });
}
