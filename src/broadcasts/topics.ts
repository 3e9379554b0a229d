/** What alerts are about; residents may choose some (none chosen: all). Each has a locale key `alerts-topic-<id>`. */
export const ALERT_TOPICS = ['crime', 'safety', 'roads', 'missing'] as const;
export type AlertTopic = (typeof ALERT_TOPICS)[number];

export function isAlertTopic(value: string): value is AlertTopic {
  return (ALERT_TOPICS as readonly string[]).includes(value);
}
