import { advance, newSession, resume } from '../engine/engine.ts';
import type { FlowSet, Input, InputEnvelope, Outcome, Reply, Session } from '../engine/types.ts';
import type { Renderer } from '../i18n/render.ts';
import type { WebDelivery } from '../channels/web/web-mailbox.ts';
import type { OutboundMessage, Platform } from '../messages.ts';
import type { Secrets } from '../secrets.ts';
import type { Db, Sql } from '../store/db.ts';
import type { Resident } from '../store/residents.ts';
import { createResident, type Loaded, loadByAddress, loadById, type TurnWritten, writeTurn } from '../store/turns.ts';
import { ACTIONS } from './actions.ts';
import type { OfficeHours } from '../officers/office-hours.ts';
import type { PinHasher } from './pins.ts';
import type { TipLibrary } from '../tips/library.ts';
import type { SessionCache } from './session-cache.ts';
import { inboundIdOf } from './inbox.ts';
import type { InboundJob } from './queues.ts';

export interface ConversationDeps {
  db: Db;
  flows: FlowSet;
  renderer: Renderer;
  secrets: Secrets;
  /** How long a conversation waits for an answer before it is closed politely. */
  sessionTimeoutMs: number;
  pins: PinHasher;
  tips: TipLibrary;
  /** Sessions this process wrote last, so a resident's next turn need not read theirs back. */
  cache?: SessionCache;
  now?: () => Date;
  /** Fewer reports than this in a week, and an area's public figures are not shown (PUBLIC_FIGURES_MIN_REPORTS). */
  figuresMinReports?: number;
  /** When liaison officers answer; unset: always. */
  officeHours?: OfficeHours;
  /** How long after an alert what a resident writes to the officers is taken as answering it (ALERT_REPLY_HOURS). */
  alertReplyHours?: number;
}

const DEFAULT_FIGURES_MIN_REPORTS = 5;
const DEFAULT_ALERT_REPLY_HOURS = 24;

/** What a handled job leaves to do after it was written. */
export interface Applied {
  platform: Platform;
  /** The reply to queue; null when there is none, or when it waits behind an unsent one (whose sender queues it). */
  outboxId: number | null;
  /** A reply stored in the web chat's mailbox, to announce to the pages open for this resident. */
  mailbox: WebDelivery | null;
}

/** A turn that keeps losing to concurrent writers means something is badly wrong: it fails like a bug would. */
const MAX_CONFLICTS = 5;

function inputOf(job: Exclude<InboundJob, { kind: 'notice' }>): Input {
  switch (job.kind) {
    case 'message':
      return job.message.input;
    case 'timeout':
      return { kind: 'timeout', token: job.token };
    case 'event':
      return { kind: 'event', name: job.flow, vars: job.vars };
  }
}

async function load(deps: ConversationDeps, job: InboundJob, cached: boolean): Promise<Loaded | null> {
  if (job.kind !== 'message' && job.kind !== 'notice') return loadById(deps.db, job.residentId);
  const { platform, address } = job.message;
  const key = deps.secrets.hashAddress(platform, address);
  const known = cached ? deps.cache?.get(key) : undefined;
  if (known) return known;
  const found = await loadByAddress(deps.db, platform, key);
  if (found) return found;
  // First contact: the address is encrypted only now, once per resident. The web chat needs none: its replies
  // wait in its mailbox, so a web chat id is kept only as the keyed hash.
  await createResident(deps.db, platform, key, platform === 'web' ? '' : deps.secrets.encrypt(address));
  return loadByAddress(deps.db, platform, key);
}

/** Runs every action the flow asks for, in the open transaction, until the conversation waits or goes idle. */
async function runActions(sql: Sql, deps: ConversationDeps, resident: Resident, first: Outcome, env: InputEnvelope) {
  let outcome = first;
  const replies: Reply[] = [...first.replies];
  while (outcome.action) {
    const action = ACTIONS[outcome.action.name];
    if (!action) throw new Error(`flow asked for unknown action "${outcome.action.name}"`);
    const ctx = {
      sql,
      resident,
      lang: outcome.session.lang ?? 'ur',
      now: new Date(env.now),
      areas: deps.flows.areas,
      officeHours: deps.officeHours,
      pins: deps.pins,
      tips: deps.tips,
      area: outcome.session.area,
      figuresMinReports: deps.figuresMinReports ?? DEFAULT_FIGURES_MIN_REPORTS,
      alertReplyHours: deps.alertReplyHours ?? DEFAULT_ALERT_REPLY_HOURS,
    };
    const result = await action(ctx, outcome.action.vars);
    outcome = resume(deps.flows, outcome.session, result, env);
    replies.push(...outcome.replies);
  }
  return { session: outcome.session, replies };
}

class Conflict extends Error {}

/** Writes the turn; inside a transaction a conflict must undo the actions too, so it is thrown there. */
async function write(sql: Sql, deps: ConversationDeps, job: InboundJob, loaded: Loaded, session: Session, replies: Reply[], inTx: boolean): Promise<Written> {
  const deadline = session.waitToken && session.waitSince ? new Date(Date.parse(session.waitSince) + deps.sessionTimeoutMs) : null;
  const message = deps.renderer.render(replies);
  const written = await writeTurn(sql, {
    residentId: loaded.resident.id,
    platform: loaded.resident.platform,
    version: loaded.version,
    processedId: inboundIdOf(deps.secrets, job),
    session,
    waitDeadline: deadline,
    fromResident: job.kind === 'message',
    message,
    toMailbox: loaded.resident.platform === 'web',
  });
  if (written.kind === 'conflict' && inTx) throw new Conflict();
  return { written, message, session };
}

function appliedOf(loaded: Loaded, written: Extract<TurnWritten, { kind: 'written' }>, message: OutboundMessage | null): Applied {
  const { resident } = loaded;
  return {
    platform: resident.platform,
    outboxId: written.behindEarlier ? null : written.outboxId,
    mailbox:
      written.mailboxId && message
        ? { residentKey: resident.addressHash, message: { id: String(written.mailboxId), ...message }, previousId: String(written.mailboxPrevious) }
        : null,
  };
}

type Written = { written: TurnWritten; message: OutboundMessage | null; session: Session };

/** Runs `turn` on freshly read state until no concurrent write beats it. Null when the job was applied before. */
async function untilWritten(deps: ConversationDeps, job: InboundJob, turn: (loaded: Loaded) => Promise<Written>): Promise<Applied | null> {
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    // A guess from the cache first; after a conflict, what the database says.
    const loaded = await load(deps, job, attempt === 0);
    if (!loaded) return null;
    const key = loaded.resident.addressHash;
    let result: Written;
    try {
      result = await turn(loaded);
    } catch (error) {
      deps.cache?.drop(key);
      if (error instanceof Conflict) continue;
      throw error;
    }
    if (result.written.kind !== 'written') deps.cache?.drop(key);
    if (result.written.kind === 'conflict') continue;
    if (result.written.kind === 'replayed') return null;
    const { resident } = loaded;
    deps.cache?.set(key, { resident: { ...resident, language: result.session.lang ?? resident.language }, session: result.session, version: loaded.version + 1 });
    return appliedOf(loaded, result.written, result.message);
  }
  throw new Error(`the session kept changing under this turn (${MAX_CONFLICTS} tries)`);
}

/**
 * Applies one inbound job: reads the resident and their session, runs the engine, and writes the new session,
 * the processed id and the reply in one statement. A turn whose flow runs actions (a new report…) does them
 * and the write in one transaction. Returns null when the job was already applied.
 */
export function applyJob(deps: ConversationDeps, job: InboundJob): Promise<Applied | null> {
  if (job.kind === 'notice') return applySlowDownNotice(deps, job);
  return untilWritten(deps, job, async (loaded) => {
    const session = loaded.session ? { ...newSession(), ...loaded.session } : newSession();
    if (!session.lang && loaded.resident.language) session.lang = loaded.resident.language;
    const env: InputEnvelope = { id: inboundIdOf(deps.secrets, job), now: (deps.now?.() ?? new Date()).toISOString(), input: inputOf(job) };
    const outcome = advance(deps.flows, session, env);
    if (!outcome.action) return write(deps.db, deps, job, loaded, outcome.session, outcome.replies, false);
    return deps.db.tx(async (sql) => {
      const result = await runActions(sql, deps, loaded.resident, outcome, env);
      return write(sql, deps, job, loaded, result.session, result.replies, true);
    });
  });
}

/**
 * When a job cannot be applied (a bug in a flow, a broken action), the resident still gets an answer and a
 * fresh start instead of silence, and the job counts as handled so it does not fail forever.
 */
export function applyFallback(deps: ConversationDeps, job: InboundJob): Promise<Applied | null> {
  return untilWritten(deps, job, (loaded) => {
    const lang = loaded.session?.lang ?? loaded.resident.language;
    return write(deps.db, deps, job, loaded, { ...newSession(), lang }, [{ key: 'error-sorry', lang }], false);
  });
}

/**
 * Tells a resident whose messages come faster than they are answered that each will be answered, in turn. The
 * conversation does not move.
 */
function applySlowDownNotice(deps: ConversationDeps, job: Extract<InboundJob, { kind: 'notice' }>): Promise<Applied | null> {
  return untilWritten(deps, job, (loaded) => {
    const session = loaded.session ?? newSession();
    const lang = session.lang ?? loaded.resident.language;
    return write(deps.db, deps, job, loaded, session, [{ key: 'flood-slow-down', lang }], false);
  });
}
