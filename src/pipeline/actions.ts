import { randomBytes, randomInt } from 'node:crypto';
import { formatReference, parseReference } from '../engine/reference.ts';
import type { AreaDef, Lang, Value, Vars } from '../engine/types.ts';
import { isOpen, nextOpening, type OfficeHours } from '../officers/office-hours.ts';
import type { Sql } from '../store/db.ts';
import { addFeedback, addToConversation, openConversationArea, recentAlert, subscribe, subscribedAreas, unsubscribeAll } from '../store/community.ts';
import { getBroadcast } from '../store/broadcasts.ts';
import { answerArea } from '../broadcasts/target.ts';
import { ALERT_TOPICS } from '../broadcasts/topics.ts';
import { publicFigures } from '../officers/public-figures.ts';
import { forgetTranscript } from '../store/web-messages.ts';
import {
  clearReportPinFailures,
  findReport,
  insertReport,
  latestPublicNote,
  openQuestion,
  type Report,
  addReportEvent,
  recordReportPinFailure,
  statusKey,
  topCategory,
} from '../store/reports.ts';
import type { TipLibrary } from '../tips/library.ts';
import type { PinHasher } from './pins.ts';
import {
  clearResidentPinFailures,
  type Resident,
  recordResidentPinFailure,
  residentPinRetryAfter,
  setAlertPreferences,
  setAlertsOptOut,
} from '../store/residents.ts';

/** What an action may use: the open transaction and the resident whose message is being handled. */
export interface ActionContext {
  sql: Sql;
  resident: Resident;
  lang: Lang;
  now: Date;
  areas: AreaDef[];
  /** Fewer reports than this in a week, and an area's public figures are not shown. */
  figuresMinReports: number;
  /** When liaison officers answer; unset: always. */
  officeHours?: OfficeHours | undefined;
  /** How long after an alert what a resident writes to the officers is taken as answering it. */
  alertReplyHours: number;
  pins: PinHasher;
  tips: TipLibrary;
  /** The area the resident last named, if any. */
  area: string | null;
}

export type Action = (ctx: ActionContext, vars: Vars) => Promise<Vars>;

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
  const pinHash = pin ? await ctx.pins.hash(pin) : null;
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
    if (!id) continue;
    // What the web chat showed on the way (the summary, the answers echoed) would tie the resident to it.
    if (anonymous) await forgetTranscript(ctx.sql, ctx.resident.id);
    return { reference, pin };
  }
}

/** Wrong PINs one resident may type, whatever the reports, before pauses begin; and the longest pause. */
const RESIDENT_FREE_PINS = 3;
const RESIDENT_MAX_PAUSE_MINUTES = 24 * 60;
/**
 * Wrong PINs one report may get from anyone before it pauses; short pauses, so that strangers who know its
 * reference cannot keep its owner out for long, while guessing a 6-digit PIN stays hopeless.
 */
const REPORT_FREE_PINS = 10;
const REPORT_MAX_PAUSE_MINUTES = 60;

async function found(ctx: ActionContext, report: Report): Promise<Vars> {
  const question = await openQuestion(ctx.sql, report.id);
  return {
    lookup: 'found',
    reference: report.reference,
    category: { choice: report.category, label: `category-${report.category}` },
    area: { area: report.areaId },
    status: { key: statusKey(report.status, report.rejectedReason) },
    updated: { date: report.updatedAt.toISOString() },
    note: await latestPublicNote(ctx.sql, report.id),
    // A question the police asked, shown now to a reporter they could not reach (anonymous ones).
    question: question?.note ?? null,
  };
}

/**
 * The reporter's answer to the police's question, added to the report's timeline. Only someone who could
 * see the report (its owner, or whoever typed its PIN in this conversation) is asked, so it is theirs to give.
 */
async function answerReportQuestion(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const reference = textOf(vars.reference);
  const answer = textOf(vars.answer);
  const report = reference ? await findReport(ctx.sql, reference) : null;
  if (report && answer && (await openQuestion(ctx.sql, report.id))) {
    await addReportEvent(ctx.sql, report.id, { status: null, note: answer, isPublic: false, actor: 'resident', kind: 'answer' });
  }
  return {};
}

/**
 * A resident's own named report shows at once. Anything else needs the PIN; a wrong PIN, an unknown reference
 * and someone else's report get the same answer, so nobody learns whether an anonymous report exists.
 */
async function lookupReport(ctx: ActionContext, vars: Vars): Promise<Vars> {
  // At the PIN question a resident may type the reference again instead.
  const retyped = parseReference(textOf(vars.pin) ?? '');
  const reference = retyped ?? textOf(vars.reference);
  const pin = retyped ? null : textOf(vars.pin);
  const report = reference ? await findReport(ctx.sql, reference) : null;
  if (report && !report.anonymous && report.residentId === ctx.resident.id) return found(ctx, report);
  if (!pin) return { lookup: 'needs-pin', reference, pin: null };
  const retryAfter = await residentPinRetryAfter(ctx.sql, ctx.resident.id);
  if (retryAfter) return { lookup: 'wait', minutes: Math.max(1, Math.ceil((retryAfter.getTime() - ctx.now.getTime()) / 60_000)) };
  const open = report?.anonymous && !(report.pinRetryAfter && report.pinRetryAfter > ctx.now) ? report : null;
  const right = await ctx.pins.verify(open?.pinHash ?? null, pin);
  if (open && right) {
    await clearReportPinFailures(ctx.sql, open.id);
    await clearResidentPinFailures(ctx.sql, ctx.resident.id);
    return found(ctx, open);
  }
  if (open) await recordReportPinFailure(ctx.sql, open.id, REPORT_FREE_PINS, REPORT_MAX_PAUSE_MINUTES);
  await recordResidentPinFailure(ctx.sql, ctx.resident.id, RESIDENT_FREE_PINS, RESIDENT_MAX_PAUSE_MINUTES);
  return { lookup: 'no-match' };
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

/** The library's tips on the chosen topic in the resident's language, numbered; null when it has none. */
async function showTips(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const topic = choiceOf(vars.topic);
  const tips = topic ? await ctx.tips.tips(ctx.sql, topic, ctx.lang, areaOf(vars.area) ?? ctx.area) : [];
  return { tips: tips.length > 0 ? tips.map((tip, i) => `${i + 1}. ${tip}`).join('\n') : null };
}

/** What the police did with an area's reports this week, as the bot tells a resident. */
async function areaWeek(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const areaId = areaOf(vars.area);
  if (!areaId) return { enough: false, min_reports: ctx.figuresMinReports };
  const { enough, figures } = await publicFigures(ctx.sql, areaId, ctx.areas, ctx.figuresMinReports);
  if (!enough || !figures) return { enough: false, min_reports: ctx.figuresMinReports };
  return {
    enough: true,
    received: figures.received,
    acted: figures.actedOn,
    closed: figures.closed,
    has_median: figures.medianResponseHours !== null,
    hours: figures.medianResponseHours,
  };
}

/** Topics, daily cap and quiet hours as chosen in the alerts flow ("cap-3", "quiet-22-7"; "all" topics: none chosen). */
async function alertSettings(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const topics = choiceOf(vars.topics) === 'choose' ? ALERT_TOPICS.filter((topic) => vars[`topic_${topic}`] === true) : null;
  const cap = /^cap-(\d+)$/.exec(choiceOf(vars.cap) ?? '')?.[1];
  const quiet = /^quiet-(\d+)-(\d+)$/.exec(choiceOf(vars.quiet) ?? '');
  await setAlertPreferences(ctx.sql, ctx.resident.id, {
    topics,
    dailyCap: cap ? Number(cap) : null,
    quiet: quiet ? { from: Number(quiet[1]), until: Number(quiet[2]) } : null,
  });
  return {};
}

/** Whether the liaison office is closed now, and when it opens, for the resident to be told. */
function officeHoursVars(ctx: ActionContext): Vars {
  const hours = ctx.officeHours;
  if (!hours || isOpen(hours, ctx.now)) return { after_hours: false, opens: null };
  return { after_hours: true, opens: { date: nextOpening(hours, ctx.now).toISOString() } };
}

/**
 * A resident's answer to a police alert in their own words: it joins their open conversation with the liaison
 * officers, or opens one marked as answering the alert, in the area of the alert they live in or follow.
 */
async function answerAlert(ctx: ActionContext, vars: Vars): Promise<Vars> {
  const broadcast = typeof vars.alert === 'number' ? await getBroadcast(ctx.sql, vars.alert) : null;
  const known = areaOf(vars.area);
  const residentAreas = [...(known ? [known] : []), ...(await subscribedAreas(ctx.sql, ctx.resident.id))];
  const areaId = (await openConversationArea(ctx.sql, ctx.resident.id)) ?? answerArea(broadcast?.target ?? { city: true }, residentAreas, ctx.areas);
  await addToConversation(ctx.sql, ctx.resident.id, areaId, textOf(vars.message) ?? '', broadcast?.id ?? null);
  return { area: { area: areaId }, ...officeHoursVars(ctx) };
}

export const ACTIONS: Record<string, Action> = {
  answer_alert: answerAlert,
  alert_settings: alertSettings,
  area_figures: areaWeek,
  create_report: createReport,
  lookup_report: lookupReport,
  area_trends: areaTrends,
  show_tips: showTips,
  answer_report_question: answerReportQuestion,
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
    const alert = await recentAlert(ctx.sql, ctx.resident.id, ctx.alertReplyHours);
    await addToConversation(ctx.sql, ctx.resident.id, areaOf(vars.area), textOf(vars.message) ?? '', alert);
    return officeHoursVars(ctx);
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
      // After a conversation with an officer there is no report: the area it was about.
      areaId: report?.areaId ?? areaOf(vars.area),
      category: report?.category ?? null,
      rating: Number.isInteger(rating) && rating > 0 ? rating : null,
      wouldReportAgain: typeof vars.report_again === 'boolean' ? vars.report_again : null,
    });
    return {};
  },
};

export const ACTION_NAMES = Object.keys(ACTIONS);
