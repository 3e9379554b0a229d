import { randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';
import { formatReference } from '../engine/reference.ts';
import type { AreaDef, Lang, Value, Vars } from '../engine/types.ts';
import type { Sql } from '../store/db.ts';
import { addFeedback, addToConversation, subscribe, unsubscribeAll } from '../store/community.ts';
import {
  clearPinFailures,
  findReport,
  insertReport,
  latestPublicNote,
  recordPinFailure,
  topCategory,
} from '../store/reports.ts';
import { type Resident, setAlertsOptOut } from '../store/residents.ts';

/** What an action may use: the open transaction and the resident whose message is being handled. */
export interface ActionContext {
  sql: Sql;
  resident: Resident;
  lang: Lang;
  now: Date;
  areas: AreaDef[];
}

export type Action = (ctx: ActionContext, vars: Vars) => Promise<Vars>;

const WRONG_PINS_BEFORE_LOCK = 5;
const TREND_DAYS = 90;
const HOUR = 3_600_000;

function choiceOf(value: Value | undefined): string | null {
  return value !== null && typeof value === 'object' && 'choice' in value ? value.choice : null;
}

function areaOf(value: Value | undefined): string | null {
  return value !== null && typeof value === 'object' && 'area' in value ? value.area : null;
}

function textOf(value: Value | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** The time a "when" answer stands for; a typed answer is kept as text for the officer to read. */
function occurredAt(when: string | null, now: Date): Date | null {
  switch (when) {
    case 'just-now':
    case 'today':
      return now;
    case 'yesterday':
      return new Date(now.getTime() - 24 * HOUR);
    default:
      return null;
  }
}

async function createReport(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const anonymous = vars.anonymous === true;
  const place = vars.place;
  const location = place !== null && typeof place === 'object' && 'lat' in place ? place : null;
  const when = choiceOf(vars.when);
  const photo = vars.photo;
  const pin = anonymous ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
  const pinHash = pin ? await argon2.hash(pin) : null;
  for (;;) {
    const reference = formatReference(randomBytes(8));
    const id = await insertReport(ctx.sql, {
      reference,
      category: choiceOf(vars.category) ?? 'other',
      areaId: areaOf(vars.area) ?? 'unknown',
      place: textOf(place),
      lat: location?.lat ?? null,
      lng: location?.lng ?? null,
      occurredAt: occurredAt(when, ctx.now),
      occurredText: when ?? textOf(vars.when),
      description: textOf(vars.description) ?? '',
      media: photo !== null && typeof photo === 'object' && 'media' in photo ? [photo.media] : [],
      anonymous,
      residentId: anonymous ? null : ctx.resident.id,
      pinHash,
      language: ctx.lang,
    });
    if (id) return { reference, pin };
  }
}

async function lookupReport(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const reference = textOf(vars.reference);
  const report = reference ? await findReport(ctx.sql, reference) : null;
  // A report of someone else looks exactly like one that does not exist.
  if (!report || (!report.anonymous && report.residentId !== ctx.resident.id)) return { lookup: 'not-found' };
  if (report.anonymous) {
    if (report.pinLockedUntil && report.pinLockedUntil > ctx.now) return { lookup: 'locked' };
    const pin = textOf(vars.pin);
    if (!pin) return { lookup: 'needs-pin' };
    if (!report.pinHash || !(await argon2.verify(report.pinHash, pin))) {
      const locked = await recordPinFailure(ctx.sql, report.id, WRONG_PINS_BEFORE_LOCK);
      return { lookup: locked ? 'locked' : 'wrong-pin' };
    }
    await clearPinFailures(ctx.sql, report.id);
  }
  return {
    lookup: 'found',
    category: { choice: report.category, label: `category-${report.category}` },
    area: { area: report.areaId },
    status: { key: `status-${report.status}` },
    updated: { date: report.updatedAt.toISOString() },
    note: await latestPublicNote(ctx.sql, report.id),
  };
}

/** Which tips answer which crime; a crime with no tips of its own gets none rather than another crime's. */
const TIP_TOPIC: Record<string, string> = {
  'mobile-snatching': 'phone',
  mugging: 'street',
  'vehicle-snatching': 'vehicle',
  'vehicle-theft': 'vehicle',
  'motorcycle-theft': 'vehicle',
  burglary: 'home',
  harassment: 'harassment',
};

async function areaTrends(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const areaId = areaOf(vars.area);
  if (!areaId) return { top_category: null };
  const inArea = [areaId, ...ctx.areas.filter((a) => a.district === areaId).map((a) => a.id)];
  const top = await topCategory(ctx.sql, inArea, TREND_DAYS);
  if (!top) return { top_category: null };
  const topic = TIP_TOPIC[top.category];
  return {
    top_category: { choice: top.category, label: `category-${top.category}` },
    top_count: top.count,
    topic: topic ? { choice: topic, label: `tips-topic-${topic}` } : null,
  };
}

export const ACTIONS: Record<string, Action> = {
  create_report: createReport,
  lookup_report: lookupReport,
  area_trends: areaTrends,
  async subscribe(ctx, vars) {
    const areaId = areaOf(vars.area);
    if (areaId) await subscribe(ctx.sql, ctx.resident.id, areaId);
    await setAlertsOptOut(ctx.sql, ctx.resident.id, false);
    return {};
  },
  async unsubscribe(ctx) {
    await unsubscribeAll(ctx.sql, ctx.resident.id);
    return {};
  },
  async message_officer(ctx, vars) {
    await addToConversation(ctx.sql, ctx.resident.id, areaOf(vars.area), textOf(vars.message) ?? '');
    return {};
  },
  async opt_out(ctx) {
    await setAlertsOptOut(ctx.sql, ctx.resident.id, true);
    return {};
  },
  async opt_in(ctx) {
    await setAlertsOptOut(ctx.sql, ctx.resident.id, false);
    return {};
  },
  async record_feedback(ctx, vars) {
    const reference = textOf(vars.reference);
    const report = reference ? await findReport(ctx.sql, reference) : null;
    const rating = Number(choiceOf(vars.rating));
    await addFeedback(ctx.sql, {
      areaId: report?.areaId ?? null,
      category: report?.category ?? null,
      rating: Number.isInteger(rating) && rating > 0 ? rating : null,
      wouldReportAgain: typeof vars.report_again === 'boolean' ? vars.report_again : null,
    });
    return {};
  },
};

export const ACTION_NAMES = Object.keys(ACTIONS);
