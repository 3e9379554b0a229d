import type { SocketConfig } from '@whiskeysockets/baileys';
import type { Logger } from '../../log.ts';

type ClientLogger = SocketConfig['logger'];
type Method = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const JID = /[\w.:-]*@(?:s\.whatsapp\.net|c\.us|lid|g\.us|broadcast|newsletter|hosted(?:\.lid)?|bot|call)\b/g;
const NUMBER = /\+?\d[\d\s-]{4,}\d/g;

/** A line of Baileys with every WhatsApp id and every long number (phone numbers, LIDs) taken out. */
export function scrub(text: string): string {
  return text.replace(JID, '[jid]').replace(NUMBER, '[number]');
}

function reasonOf(fields: unknown): Record<string, unknown> {
  if (typeof fields !== 'object' || fields === null) return {};
  const record = fields as Record<string, unknown>;
  const error = record.err ?? record.error;
  if (!(error instanceof Error)) return {};
  const status = (error as { output?: { statusCode?: number } }).output?.statusCode;
  return { err: scrub(error.message), ...(status ? { status } : {}) };
}

/**
 * What Baileys logs, through our logger at `warn` or quieter. Baileys puts ids, phone numbers, whole protocol
 * nodes and key material in its log fields, so only the message (scrubbed) and an error's reason are kept.
 */
export function clientLogger(parent: Logger): ClientLogger {
  const severity = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
  const level = severity.indexOf(parent.level) > severity.indexOf('warn') ? parent.level : 'warn';
  const log = parent.child({ component: 'whatsapp-client' }, { level });
  const write = (method: Method) => (fields: unknown, message?: string) => {
    if (!log.isLevelEnabled(method)) return;
    const text = typeof fields === 'string' ? fields : (message ?? '');
    log[method](reasonOf(fields), scrub(text));
  };
  const logger: ClientLogger = {
    level,
    // Bindings are dropped: Baileys binds ids to its children.
    child: () => logger,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
  return logger;
}
