import type { FastifyInstance } from 'fastify';
import { NotFoundError, type OfficerRole, ROLES, requireRole } from '../../officers/access.ts';
import { type AccountChange, changeAccount, createAccount } from '../../officers/accounts.ts';
import { audit, listAudit } from '../../store/audit.ts';
import { listOfficers, revokeSessions } from '../../store/officers.ts';
import { officerOf } from './auth.ts';
import type { ConsoleDeps } from './deps.ts';
import { ACCOUNT, AREA_ID, DATE_TIME, ERRORS, OK, UUID } from './schemas.ts';

const PASSWORD = { type: 'string', minLength: 10, maxLength: 200 } as const;
const AREAS = { type: 'array', maxItems: 200, uniqueItems: true, items: AREA_ID } as const;

/** Accounts, for admins: create, change role and areas, disable, reset a password, end sessions; the audit log. */
export async function accountRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const { db, areas } = deps;

  app.get('/api/officers', { schema: { tags: ['accounts'], summary: 'Every account (admins)', response: { 200: { type: 'array', items: ACCOUNT }, ...ERRORS } } }, async (request) => {
    requireRole(officerOf(request));
    return listOfficers(db);
  });

  app.post<{ Body: { username: string; name: string; role: OfficerRole; areas: string[]; password: string } }>(
    '/api/officers',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (admins)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'name', 'role', 'areas', 'password'],
          properties: {
            username: { type: 'string', pattern: '^[a-z0-9._-]{3,40}$' },
            name: { type: 'string', minLength: 1, maxLength: 100 },
            role: { type: 'string', enum: [...ROLES] },
            areas: AREAS,
            password: PASSWORD,
          },
        },
        response: { 201: ACCOUNT, ...ERRORS },
      },
    },
    async (request, reply) => {
      const officer = officerOf(request);
      requireRole(officer);
      const created = await createAccount(db, areas, request.body);
      await audit(db, officer.id, 'account.create', created.username, { role: created.role, areas: created.areas });
      return reply.code(201).send(created);
    },
  );

  app.patch<{ Params: { id: string }; Body: AccountChange }>(
    '/api/officers/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change an account (admins): name, role, areas, disable or enable, reset the password',
        description: 'A new role, new areas, a disable or a new password end every session of the account.',
        params: { type: 'object', properties: { id: UUID } },
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            role: { type: 'string', enum: [...ROLES] },
            areas: AREAS,
            disabled: { type: 'boolean' },
            password: PASSWORD,
          },
        },
        response: { 200: ACCOUNT, ...ERRORS },
      },
    },
    async (request) => {
      const officer = officerOf(request);
      requireRole(officer);
      const changed = await changeAccount(db, areas, request.params.id, request.body, officer);
      const { password, ...rest } = request.body;
      await audit(db, officer.id, 'account.change', changed.username, { ...rest, passwordReset: password !== undefined });
      return changed;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/officers/:id/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: "End every session of an account (admins); the officer must log in again",
        params: { type: 'object', properties: { id: UUID } },
        response: { 200: OK, ...ERRORS },
      },
    },
    async (request) => {
      const officer = officerOf(request);
      requireRole(officer);
      const username = await db.tx((sql) => revokeSessions(sql, request.params.id));
      if (!username) throw new NotFoundError('no such account');
      await audit(db, officer.id, 'account.revoke-sessions', username);
      return { ok: true };
    },
  );

  app.get<{ Querystring: { before?: string } }>(
    '/api/audit',
    {
      schema: {
        tags: ['accounts'],
        summary: 'What officers did, newest first, 100 at a time (admins)',
        querystring: { type: 'object', additionalProperties: false, properties: { before: { type: 'string', pattern: '^[0-9]{1,15}$' } } },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                officerId: { type: ['string', 'null'] },
                officerName: { type: ['string', 'null'] },
                action: { type: 'string' },
                target: { type: ['string', 'null'] },
                detail: { type: 'object', additionalProperties: true },
                createdAt: DATE_TIME,
              },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      requireRole(officerOf(request));
      return listAudit(db, 100, request.query.before ? Number(request.query.before) : null);
    },
  );
}
