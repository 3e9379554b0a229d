import type { Lang } from '../engine/types.ts';
import type { Catalog } from '../i18n/catalog.ts';
import type { OutboundMessage } from '../messages.ts';
import type { Sql } from '../store/db.ts';
import { getBroadcast } from '../store/broadcasts.ts';
import { composeAlert } from './compose.ts';

export interface Alert {
  urgent: boolean;
  /** The message for a resident of `lang`; the same object for every resident of that language. */
  message(lang: Lang, overridesQuietHours: boolean): OutboundMessage;
}

export interface AlertCache {
  /** The alert of a broadcast, read once per process: what an alert says never changes once it is sent. */
  get(broadcastId: number): Promise<Alert | null>;
}

/** Broadcasts a process keeps at hand; more than a few at a time would be unusual. */
const KEPT = 64;

export function createAlertCache(sql: Sql, catalog: Catalog, constants: Record<string, unknown>): AlertCache {
  const alerts = new Map<number, Promise<Alert | null>>();

  async function load(id: number): Promise<Alert | null> {
    const broadcast = await getBroadcast(sql, id);
    if (!broadcast) return null;
    const composed = new Map<string, OutboundMessage>();
    return {
      urgent: broadcast.urgent,
      message(lang, overrides) {
        const key = `${lang}${overrides}`;
        let message = composed.get(key);
        if (!message) {
          message = composeAlert(catalog, constants, broadcast, lang, overrides);
          composed.set(key, message);
        }
        return message;
      },
    };
  }

  return {
    get(id) {
      let alert = alerts.get(id);
      if (!alert) {
        if (alerts.size >= KEPT) alerts.delete(alerts.keys().next().value as number);
        alert = load(id);
        // A failed read is not remembered: the next job tries again.
        alert.catch(() => alerts.delete(id));
        alerts.set(id, alert);
      }
      return alert;
    },
  };
}
