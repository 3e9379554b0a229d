
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { LANGUAGES } from '../../engine/types.ts';
import { accountRoutes } from './api-accounts.ts';
import { alertRoutes } from './api-alerts.ts';
import { dashboardRoutes } from './api-dashboard.ts';
import { escalationRoutes } from './api-escalations.ts';
import { reportRoutes } from './api-reports.ts';
import { sessionRoutes } from './api-session.ts';
import { tipRoutes } from './api-tips.ts';
import { consoleAuth } from './auth.ts';
import type { ConsoleDeps } from './deps.ts';
import { serveArabicFont } from '../arabic-font.ts';

export interface ConsoleOptions extends ConsoleDeps {
  cookieSecret: string;
  sessionMs: number;
  redis: Redis;
  /** Prefix of Redis keys (QUEUE_PREFIX); not `prefix`, which fastify takes as a route prefix. */
  keyPrefix: string;
  loginAttemptsPerMinute: number;
}

/**
 * The officer console: its JSON API under /api (sessions, CSRF tokens, role and area checks) and its pages at
 * /console, a small script that uses nothing but that API.
 */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  await app.register(async (api) => {
    await consoleAuth(api, options);
    await api.register(sessionRoutes, options);
    await api.register(accountRoutes, options);
    await api.register(reportRoutes, options);
    await api.register(escalationRoutes, options);
    await api.register(dashboardRoutes, options);
    await api.register(alertRoutes, options);
    await api.register(tipRoutes, options);
  });

  // The page's own labels, in every language; formatted once, they never change while the process runs.
  const keys = options.catalog
    .keys('en')
    .filter((key) => /^(console|category|status|tips-topic)-/.test(key) && options.catalog.variables('en', key).length === 0);
  const strings = Object.fromEntries(LANGUAGES.map((lang) => [lang, Object.fromEntries(keys.map((key) => [key, options.catalog.format(lang, key, {})]))]));
  app.get(
    '/api/console/strings',
    {
      schema: {
        tags: ['session'],
        summary: "The console's labels in every language",
        response: { 200: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } } },
      },
    },
    async () => strings,
  );

  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./page/', import.meta.url)),
    prefix: '/console/',
    decorateReply: false,
  });
  // The same font as the web chat, for Urdu and Sindhi names and texts.
  await serveArabicFont(app, '/console/fonts/');
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
}
