import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Officer } from '../../officers/access.ts';
import { activeOfficer } from '../../store/officers.ts';
import type { Db } from '../../store/db.ts';
import { pgSessionStore } from './session-store.ts';

declare module 'fastify' {
  interface Session {
    officerId?: string;
    /** The account's session epoch at login: a password reset, a disable or a new role raises it. */
    epoch?: number;
    /** When the officer logged in (ms): a session ends a fixed time after it, however busy. */
    loginAt?: number;
  }
  interface FastifyRequest {
    officer: Officer | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (the login itself, the page's labels). */
    public?: boolean;
  }
}

export interface AuthOptions {
  db: Db;
  /** Signs the session cookie; derived from SECRET_KEY. */
  cookieSecret: string;
  sessionMs: number;
  /** Shared by every process, so the login limit holds across them. */
  redis: Redis;
  /** Prefix of Redis keys (QUEUE_PREFIX); not `prefix`, which fastify takes as a route prefix. */
  keyPrefix: string;
  loginAttemptsPerMinute: number;
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The officer of this request; routes that are not public are only reached with one. */
export function officerOf(request: FastifyRequest): Officer {
  if (!request.officer) throw new HttpError(401, 'log in first');
  return request.officer;
}

/**
 * Console sessions (@fastify/session, stored in PostgreSQL), CSRF tokens on every change (@fastify/csrf-protection)
 * and the login rate limit (@fastify/rate-limit, in Redis). Every route of the scope needs a logged-in officer
 * (401 otherwise) unless its config says `public`.
 */
export async function consoleAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: options.cookieSecret,
    cookieName: 'mohalla_session',
    store: pgSessionStore(options.db, options.sessionMs),
    saveUninitialized: false,
    rolling: false,
    // Secure over HTTPS (directly, or through a proxy named in TRUST_PROXY); over plain HTTP on a local
    // network the cookie would otherwise never come back.
    cookie: { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', maxAge: options.sessionMs },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
  await app.register(fastifyRateLimit, {
    global: false,
    redis: options.redis,
    nameSpace: `${options.keyPrefix}:login-limit:`,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `too many login attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} seconds`,
    }),
  });

  app.decorateRequest('officer', null);
  app.addHook('onRequest', async (request) => {
    const { officerId, epoch, loginAt } = request.session;
    if (officerId && epoch !== undefined && loginAt !== undefined) {
      const current = Date.now() - loginAt <= options.sessionMs;
      request.officer = current ? await activeOfficer(options.db, officerId, epoch) : null;
      // Past its end, or an account disabled or changed since: the session is of no use any more. A new empty
      // one takes its place, so that this request can still be answered (a login, a fresh CSRF token).
      if (!request.officer) await request.session.regenerate();
    }
    const config = request.routeOptions.config;
    if (!config.public && !request.officer) throw new HttpError(401, 'log in first (no session, or it has ended)');
  });
  // After the session check, so that a request without a session hears 401 rather than a missing token.
  app.addHook('onRequest', (request, reply, done) => {
    if (CHANGES.has(request.method)) app.csrfProtection(request, reply, done);
    else done();
  });
}

export { HttpError };
