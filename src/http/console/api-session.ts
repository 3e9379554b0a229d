import type { FastifyInstance } from 'fastify';
import { login } from '../../officers/accounts.ts';
import { audit } from '../../store/audit.ts';
import { HttpError } from './auth.ts';
import { deleteExpiredSessions } from './session-store.ts';
import type { ConsoleDeps } from './deps.ts';
import { ERROR, OFFICER } from './schemas.ts';

const ANONYMOUS_SESSION_MS = 3_600_000;

const SESSION = {
  type: 'object',
  properties: { officer: { anyOf: [OFFICER, { type: 'null' }] }, csrfToken: { type: 'string' } },
} as const;

/** Logging in and out. The token every change must carry (header `x-csrf-token`) comes with the session. */
export async function sessionRoutes(app: FastifyInstance, options: ConsoleDeps & { loginAttemptsPerMinute: number; sessionMs: number }): Promise<void> {
  const { db } = options;
  app.get(
    '/api/session',
    {
      config: { public: true },
      schema: { tags: ['session'], summary: 'The logged-in officer (or null) and a CSRF token for the next change', response: { 200: SESSION } },
    },
    async (request, reply) => {
      // Before login a session only holds the CSRF secret: it need not outlive an hour.
      if (!request.officer) request.session.options({ maxAge: ANONYMOUS_SESSION_MS });
      return { officer: request.officer, csrfToken: reply.generateCsrf() };
    },
  );

  app.post<{ Body: { username: string; password: string } }>(
    '/api/session',
    {
      config: { public: true, rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['session'],
        summary: 'Log in: sets the session cookie and answers with a new CSRF token',
        description: `Too many wrong passwords in a row lock the account for a while (423); too many attempts from one address get 429.`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: SESSION, 401: ERROR, 403: ERROR, 423: ERROR, 429: ERROR },
      },
    },
    async (request, reply) => {
      const result = await login(db, request.body.username, request.body.password);
      if (result.kind === 'locked') {
        const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
        throw new HttpError(423, `too many wrong passwords: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`);
      }
      if (result.kind === 'wrong') throw new HttpError(401, 'wrong user name or password');
      // A new session id at login, so an id planted before it is worth nothing.
      await request.session.regenerate();
      request.session.options({ maxAge: options.sessionMs });
      request.session.officerId = result.officer.id;
      request.session.epoch = result.epoch;
      request.session.loginAt = Date.now();
      await audit(db, result.officer.id, 'session.login', null);
      // Logins are rare enough to tidy up after: sessions past their end leave the table.
      await deleteExpiredSessions(db);
      return { officer: result.officer, csrfToken: reply.generateCsrf() };
    },
  );

  app.delete('/api/session', { schema: { tags: ['session'], summary: 'Log out: ends this session', response: { 204: { type: 'null' }, 401: ERROR } } }, async (request, reply) => {
    await audit(db, request.officer?.id ?? null, 'session.logout', null);
    await request.session.destroy();
    return reply.code(204).send();
  });
}
