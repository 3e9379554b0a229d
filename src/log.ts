import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Fields that could identify a resident or open an account: never written to a log, whatever logs them.
 * Message texts are redacted too, because an anonymous report must not survive in a log file.
 */
export const REDACTED_FIELDS = [
  'address',
  'phone',
  'chatId',
  'chat_id',
  'jid',
  'token',
  'text',
  'body',
  'description',
  'pin',
  'password',
  'secret',
];
const REDACT_PATHS = [
  ...REDACTED_FIELDS,
  ...REDACTED_FIELDS.map((f) => `*.${f}`),
  ...REDACTED_FIELDS.map((f) => `*.*.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
];

export interface LogOptions {
  level: string;
  /** Readable lines for a person at a terminal; JSON for log collectors. */
  pretty: boolean;
}

export function createLogger(options: LogOptions, destination?: pino.DestinationStream): Logger {
  const base = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
  };
  if (destination) return pino(base, destination);
  if (options.pretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  return pino(base);
}
