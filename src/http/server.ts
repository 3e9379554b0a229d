import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '../log.ts';
import { isBacklogFull } from '../pipeline/backlog.ts';
import { isInfrastructureError } from '../pipeline/infrastructure.ts';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { type ChatOptions, chatRoutes } from './chat.ts';
import { type FiguresOptions, figuresRoutes } from './figures.ts';
import { type ConsoleOptions, consoleRoutes } from './console/index.ts';
import { type HealthOptions, healthRoutes } from './health.ts';
import { metricsRoutes } from './metrics.ts';
import { type TelegramWebhookOptions, telegramWebhookRoutes } from './webhooks/telegram.ts';
import { type WhatsAppLinkOptions, whatsappLinkRoutes } from './whatsapp-link.ts';

export interface ServerOptions {
  log: Logger;
  health: HealthOptions;
  /** The web chat, when enabled. */
  chat?: ChatOptions;
  /** Telegram's webhook, when the bot runs in webhook mode. */
  telegram?: TelegramWebhookOptions;
  /** Served at /metrics for Prometheus. */
  metrics?: Registry;
  /** The public figures of each area. */
  figures?: FiguresOptions;
  /** Linking the WhatsApp number, when WhatsApp is on. */
  whatsappLink?: WhatsAppLinkOptions;
  /** The officer console and its API. */
  console?: ConsoleOptions;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY); none when unset. */
  trustProxy?: boolean | string[];
  /** Connections held at most; past it new ones are closed at once, before they cost a file descriptor for long. */
  maxConnections?: number;
}

const BACKLOG_RETRY_SECONDS = 30;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.log.child({ component: 'http' }) as FastifyBaseLogger,
    // Request lines carry resident ids in query strings; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    // Believing X-Forwarded-For from anyone would let every client choose its own address.
    trustProxy: options.trustProxy ?? false,
    // Unknown fields and values of the wrong type are errors the client should hear about, not something
    // silently dropped or converted ("text": 5 is no text). Query strings and headers are strings anyway.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });
  if (options.maxConnections) app.server.maxConnections = options.maxConnections;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Redis or the database away: nothing was accepted, and the client (a page, a platform) should try again.
    if (isInfrastructureError(error)) {
      request.log.warn({ err: error.message, route: request.routeOptions.url ?? 'unknown route' }, 'request refused: Redis or the database is unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ statusCode: 503, error: STATUS_CODES[503], message: 'temporarily unavailable: nothing was accepted, please try again in a few seconds' });
    }
    // More waits than the workers can get through soon: refused, so the backlog stops growing; pages and Telegram
    // send it again.
    if (isBacklogFull(error)) {
      request.log.warn({ route: request.routeOptions.url ?? 'unknown route' }, 'request refused: the inbound backlog is full');
      return reply
        .code(503)
        .header('retry-after', String(BACKLOG_RETRY_SECONDS))
        .send({ statusCode: 503, error: STATUS_CODES[503], message: 'too busy: nothing was accepted, please try again in a little while' });
    }
    const status = error.statusCode ?? 500;
    // The route pattern, not the URL: query strings carry resident ids.
    const route = request.routeOptions.url ?? 'unknown route';
    if (status >= 500) request.log.error({ err: { message: error.message, code: error.code }, route }, 'request failed');
    else request.log.warn({ reason: error.message, route, status }, 'request rejected');
    // Client errors say what was wrong; server errors say nothing of the internals.
    const message = status >= 500 ? 'internal error' : error.message;
    reply.code(status).send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  });
  // Security headers on every answer. Nothing is loaded from elsewhere; photos of reports come from the API.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null },
    },
    // HTTP on a local network is allowed (see the README); HTTPS sites say so through their proxy.
    hsts: false,
  });
  if (options.console) {
    // Documents every route tagged for the API; the web chat and webhooks have their own README sections.
    await app.register(fastifySwagger, {
      openapi: {
        info: { title: 'Mohalla officer API', version: '1', description: 'The API the officer console uses. Log in with POST /api/session; every change needs the x-csrf-token header from the session.' },
        tags: [
          { name: 'session', description: 'Logging in and out' },
          { name: 'reports', description: 'The reports desk' },
          { name: 'liaison', description: 'The liaison inbox' },
          { name: 'alerts', description: 'Police alerts to subscribed residents' },
          { name: 'accounts', description: 'Accounts and the audit log (admins)' },
        ],
      },
      hideUntagged: true,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  }
  await app.register(healthRoutes, options.health);
  if (options.metrics) await app.register(metricsRoutes, { registry: options.metrics });
  if (options.chat) await app.register(chatRoutes, options.chat);
  if (options.figures) await app.register(figuresRoutes, options.figures);
  if (options.telegram) await app.register(telegramWebhookRoutes, options.telegram);
  if (options.whatsappLink) await app.register(whatsappLinkRoutes, options.whatsappLink);
  if (options.console) await app.register(consoleRoutes, options.console);
  return app;
}
