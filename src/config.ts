import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type OfficeHours, parseOfficeHours } from './officers/office-hours.ts';
import { decodeKey } from './secrets.ts';

/**
 * Every setting, read from the environment (and `.env` when present), validated once at start. Each one is
 * documented in `.env.example`. A bad value stops the start with one line naming the variable.
 */

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const secretKey = z
  .string()
  .transform(decodeKey)
  .refine((key) => key.length === 32, 'must be 32 bytes, as 64 hex digits or base64 (generate one with: openssl rand -base64 32)');

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address or a network of addresses (10.0.0.0/8), or a name for a kind of them, as proxy-addr takes it. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/**
 * Whose X-Forwarded-* headers to believe: nobody's (false), everybody's (true), or those of proxies at these
 * addresses. fastify ignores a count of proxies (it cannot tell who the nearest one is), so none is taken.
 */
const trustProxy = z.string().transform((value, ctx): boolean | string[] => {
  if (['true', 'yes', 'on'].includes(value)) return true;
  if (['false', 'no', 'off'].includes(value)) return false;
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every(isProxyAddress)) return entries;
  ctx.addIssue({ code: 'custom', message: 'must be true, false, or the addresses and networks of the proxies, separated by commas (e.g. 127.0.0.1,10.0.0.0/8)' });
  return z.NEVER;
});

const officeHours = z.string().transform((value, ctx): OfficeHours => {
  const hours = parseOfficeHours(value);
  if (hours) return hours;
  ctx.addIssue({ code: 'custom', message: 'must be days and hours in Karachi time like "mon-sat 09:00-17:00", or "always"' });
  return z.NEVER;
});

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  TRUST_PROXY: trustProxy.default(false),
  DATA_DIR: z.string().min(1).default('./var'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  EMBEDDED_DATABASE_PORT: int(1, 65535).optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lowercase SQL identifier').optional(),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _ (no colons)').default('mohalla'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
  SECRET_KEY: secretKey.optional(),
  INBOUND_PARTITIONS: int(1, 1024).default(16),
  SESSION_TIMEOUT_MINUTES: int(1, 24 * 60).default(30),
  JOB_LOCK_SECONDS: int(2, 600).default(4),
  OUTBOX_RELAY_SECONDS: int(1, 3600).default(15),
  // Unset: on, except with NODE_ENV=production (see loadConfig).
  WEB_CHAT: flag.optional(),
  WEB_CHAT_RATE_PER_MINUTE: int(1, 100_000).default(60),
  WEB_CHAT_ADDRESS_RATE_PER_MINUTE: int(1, 1_000_000).default(600),
  WEB_CHAT_STREAMS_PER_RESIDENT: int(1, 100).default(5),
  WEB_CHAT_MAX_STREAMS: int(1, 1_000_000).default(2000),
  HTTP_MAX_CONNECTIONS: int(1, 1_000_000).default(4000),
  INBOUND_MAX_BACKLOG: int(1, 100_000_000).default(20_000),
  FLOOD_BURST: int(1, 10_000).default(20),
  FLOOD_RATE_PER_MINUTE: int(1, 60_000).default(30),
  ARGON2_CONCURRENCY: int(1, 64).default(2),
  RETENTION_RESIDENT_DAYS: int(1, 36_500).default(365),
  RETENTION_WEB_RESIDENT_DAYS: int(1, 36_500).default(7),
  RETENTION_SESSION_DAYS: int(1, 36_500).default(30),
  RETENTION_TRANSCRIPT_HOURS: int(1, 24 * 365).default(24),
  RETENTION_PROCESSED_DAYS: int(1, 365).default(7),
  RETENTION_MEDIA_DAYS: int(1, 36_500).default(30),
  MAX_MESSAGE_CHARS: int(100, 100_000).default(4000),
  MEDIA_MAX_BYTES: int(1024, 100 * 1024 * 1024).default(10 * 1024 * 1024),
  PUBLIC_FIGURES_MIN_REPORTS: int(1, 10_000).default(5),
  ALERT_FANOUT_BATCH: int(1, 1_000_000).default(20_000),
  ALERT_QUEUE_WINDOW: int(1, 1_000_000).default(2000),

  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… (the token BotFather gave you)').optional(),
  TELEGRAM_MODE: z.enum(['polling', 'webhook'], { error: 'must be polling or webhook' }).optional(),
  TELEGRAM_API_ROOT: url(['http:', 'https:'])
    .transform((value) => value.replace(/\/+$/, ''))
    .default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 letters, digits, _ or -').optional(),
  TELEGRAM_RATE_PER_SECOND: int(1, 1000).default(30),
  TELEGRAM_CHAT_INTERVAL_MS: int(0, 60_000).default(1000),

  WHATSAPP: flag.default(false),
  WHATSAPP_PAIRING_PHONE: z.string().regex(/^\d{8,15}$/, 'must be the number in digits with its country code, no + or spaces (e.g. 92XXXXXXXXXX)').optional(),
  WHATSAPP_RATE_PER_MINUTE: int(1, 600).default(20),
  WHATSAPP_CHAT_INTERVAL_MS: int(1000, 600_000).default(3000),
  WHATSAPP_JITTER_MS: int(0, 60_000).default(2000),
  WHATSAPP_DAILY_CAP: int(1, 1_000_000).default(500),
  WHATSAPP_LEASE_SECONDS: int(2, 300).default(10),
  WHATSAPP_TEST_SOCKET: z.string().min(1).optional(),
  ALERT_REPLY_HOURS: int(1, 7 * 24).default(24),
  OFFICE_HOURS: officeHours.default(parseOfficeHours('mon-sat 09:00-17:00') as OfficeHours),
  CONSOLE_SESSION_HOURS: int(1, 24 * 30).default(12),
  LOGIN_ATTEMPTS_PER_MINUTE: int(1, 1000).default(10),
  ADMIN_TOKEN: z.string().regex(/^[A-Za-z0-9_-]{24,256}$/, 'must be 24-256 letters, digits, _ or -').optional(),
});

/** The name of every setting, for the check that each one is documented. */
export const SETTING_NAMES = Object.keys(schema.shape);

export type Config = z.output<typeof schema> & { DATA_DIR: string; TELEGRAM_MODE: 'polling' | 'webhook'; WEB_CHAT: boolean };

export class ConfigError extends Error {}

/** Reads `.env` (without overriding the real environment) and validates everything. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  // An empty variable (PORT=) means "not set": the default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const value = ['SECRET_KEY', 'DATABASE_URL', 'REDIS_URL', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'ADMIN_TOKEN', 'WHATSAPP_PAIRING_PHONE'].includes(name)
      ? '(hidden)'
      : JSON.stringify(env[name]);
      return `${name}=${value} ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  // A fake WhatsApp in production would answer nobody while looking healthy: the variable is for the test suite.
  if (config.WHATSAPP_TEST_SOCKET && config.NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration: WHATSAPP_TEST_SOCKET is for the test suite only and needs NODE_ENV=test');
  }
  // Telegram can only call a webhook it can reach: without a public URL the bot polls, unless told otherwise.
  const telegramMode = config.TELEGRAM_MODE ?? (config.PUBLIC_URL ? 'webhook' : 'polling');
  // Anyone who knows a web chat id can read its messages, and the web chat takes reports from anybody without a
  // platform account behind them: in production it is off until someone decides otherwise.
  const webChat = config.WEB_CHAT ?? config.NODE_ENV !== 'production';
  return { ...config, DATA_DIR: resolve(config.DATA_DIR), TELEGRAM_MODE: telegramMode, WEB_CHAT: webChat };
}
