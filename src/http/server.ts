import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '../log.ts';
import { isInfrastructureError } from '../pipeline/infrastructure.ts';
import { type ChatOptions, chatRoutes } from './chat.ts';
import { type FiguresOptions, figuresRoutes } from './figures.ts';
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
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY); none when unset. */
  trustProxy?: boolean | string[];
}

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
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Redis or the database away: nothing was accepted, and the client (a page, a platform) should try again.
    if (isInfrastructureError(error)) {
      request.log.warn({ err: error.message, route: request.routeOptions.url ?? 'unknown route' }, 'request refused: Redis or the database is unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ statusCode: 503, error: STATUS_CODES[503], message: 'temporarily unavailable: nothing was accepted, please try again in a few seconds' });
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
  await app.register(healthRoutes, options.health);
  if (options.metrics) await app.register(metricsRoutes, { registry: options.metrics });
  if (options.chat) await app.register(chatRoutes, options.chat);
  if (options.figures) await app.register(figuresRoutes, options.figures);
  if (options.telegram) await app.register(telegramWebhookRoutes, options.telegram);
  if (options.whatsappLink) await app.register(whatsappLinkRoutes, options.whatsappLink);
  return app;
}
