/** Pakistan keeps UTC+5 all year. */
const KARACHI_OFFSET_MS = 5 * 3_600_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Hours of the day (Karachi time) a resident wants no alerts: from `from` until `until`, across midnight when from > until. */
export interface QuietHours {
  from: number;
  until: number;
}

/** How long until the resident's quiet hours end; 0 when they are not in them (or have none). */
export function quietMsLeft(quiet: QuietHours | null, now: number): number {
  if (!quiet || quiet.from === quiet.until) return 0;
  const local = (now + KARACHI_OFFSET_MS) % DAY_MS;
  const from = quiet.from * HOUR_MS;
  const until = quiet.until * HOUR_MS;
  const inside = quiet.from < quiet.until ? local >= from && local < until : local >= from || local < until;
  if (!inside) return 0;
  return (until - local + DAY_MS) % DAY_MS;
}

/** The Karachi calendar day of a moment, as YYYY-MM-DD: the day a resident's daily cap counts in. */
export function karachiDay(now: number): string {
  return new Date(now + KARACHI_OFFSET_MS).toISOString().slice(0, 10);
}
