/**
 * When liaison officers are at work, in Karachi time (UTC+5 all year: Pakistan keeps no summer time).
 * Written as `mon-sat 09:00-17:00`, or `always`.
 */
export interface OfficeHours {
  /** Days of the week, 0 = Sunday. */
  days: number[];
  /** Minutes after midnight, Karachi time; `close` is exclusive. */
  open: number;
  close: number;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const KARACHI_OFFSET_MS = 5 * 3_600_000;
const FORMAT = /^(sun|mon|tue|wed|thu|fri|sat)(?:-(sun|mon|tue|wed|thu|fri|sat))? ([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

export const ALWAYS: OfficeHours = { days: [0, 1, 2, 3, 4, 5, 6], open: 0, close: 24 * 60 };

/** Reads the setting; null when it is not in the expected form. */
export function parseOfficeHours(text: string): OfficeHours | null {
  const value = text.trim().toLowerCase();
  if (value === 'always') return ALWAYS;
  const match = FORMAT.exec(value);
  if (!match) return null;
  const [, first = '', last, openH, openM, closeH, closeM] = match;
  const from = DAYS.indexOf(first);
  const to = last ? DAYS.indexOf(last) : from;
  const days: number[] = [];
  for (let day = from; ; day = (day + 1) % 7) {
    days.push(day);
    if (day === to) break;
  }
  const open = Number(openH) * 60 + Number(openM);
  const close = Number(closeH) * 60 + Number(closeM);
  if (close <= open || close > 24 * 60) return null;
  return { days, open, close };
}

function karachi(now: Date): { day: number; minute: number } {
  const local = new Date(now.getTime() + KARACHI_OFFSET_MS);
  return { day: local.getUTCDay(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function isOpen(hours: OfficeHours, now: Date): boolean {
  const { day, minute } = karachi(now);
  return hours.days.includes(day) && minute >= hours.open && minute < hours.close;
}

/** When the office next opens after `now` (now itself when it is open). */
export function nextOpening(hours: OfficeHours, now: Date): Date {
  if (isOpen(hours, now)) return now;
  const local = new Date(now.getTime() + KARACHI_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const { minute } = karachi(now);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = (local.getUTCDay() + ahead) % 7;
    if (!hours.days.includes(day) || (ahead === 0 && minute >= hours.open)) continue;
    return new Date(midnight + ahead * 86_400_000 + hours.open * 60_000 - KARACHI_OFFSET_MS);
  }
  return now;
}
