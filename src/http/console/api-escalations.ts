import type { FastifyInstance } from 'fastify';
import { covers, requireRole } from '../../officers/access.ts';
import { claim, close, handOver, openEscalations, reply, viewEscalation } from '../../officers/liaison.ts';
import { listOfficers } from '../../store/officers.ts';
import { officerOf } from './auth.ts';
import type { ConsoleDeps } from './deps.ts';
import { liveStreams } from './live-streams.ts';
import { DATE_TIME, ERRORS, NULLABLE_DATE_TIME, OK, UUID } from './schemas.ts';

const ESCALATION = {
  type: 'object',
  properties: {
    id: UUID,
    areaId: { type: 'string' },
    status: { type: 'string', enum: ['open', 'claimed', 'closed'] },
    claimedBy: { type: ['string', 'null'] },
    claimedByName: { type: ['string', 'null'] },
    platform: { type: 'string' },
    language: { type: ['string', 'null'] },
    createdAt: DATE_TIME,
    waitingSince: { ...NULLABLE_DATE_TIME, description: "since when the resident's oldest unanswered message waits" },
    messages: { type: 'integer' },
    alert: {
      type: ['object', 'null'],
      description: 'the police alert this conversation answers, with its texts as sent',
      properties: { id: { type: 'integer' }, texts: { type: 'object', properties: { ur: { type: 'string' }, sd: { type: 'string' }, en: { type: 'string' } } } },
    },
  },
} as const;

const ID_PARAMS = { type: 'object', properties: { id: UUID } } as const;

/** The liaison inbox: open escalations of one's areas (also live), claim, transcript, reply, hand over, close. */
export async function escalationRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const pollMs = deps.inboxPollMs ?? 2000;
  const live = liveStreams(app);

  app.get(
    '/api/escalations',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Open and claimed conversations of your areas, the longest waiting first',
        response: { 200: { type: 'object', properties: { escalations: { type: 'array', items: ESCALATION }, now: DATE_TIME } }, ...ERRORS },
      },
    },
    async (request) => ({ escalations: await openEscalations(deps, officerOf(request)), now: new Date() }),
  );

  app.get(
    '/api/escalations/stream',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Server-sent events: an `escalations` event with the whole list whenever it changes',
        response: { 200: { type: 'string', description: 'text/event-stream' }, ...ERRORS },
      },
    },
    async (request, reply) => {
      const officer = officerOf(request);
      // Sent whenever the list changes; `now` lets the page count waiting times by the server's clock.
      await live(request, reply, { event: 'escalations', pollMs, read: () => openEscalations(deps, officer), payload: (escalations) => ({ escalations, now: new Date() }) });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/escalations/:id',
    {
      schema: {
        tags: ['liaison'],
        summary: 'A conversation and its transcript',
        params: ID_PARAMS,
        response: {
          200: {
            type: 'object',
            properties: {
              escalation: {
                type: 'object',
                properties: { ...ESCALATION.properties, claimedAt: NULLABLE_DATE_TIME, firstResponseAt: NULLABLE_DATE_TIME, closedAt: NULLABLE_DATE_TIME },
              },
              messages: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    direction: { type: 'string', enum: ['in', 'out'] },
                    body: { type: 'string' },
                    officerName: { type: ['string', 'null'] },
                    createdAt: DATE_TIME,
                  },
                },
              },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => viewEscalation(deps, officerOf(request), request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/api/escalations/:id/candidates',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Officers this conversation can be handed over to (liaison officers and admins covering its area)',
        params: ID_PARAMS,
        response: { 200: { type: 'array', items: { type: 'object', properties: { id: UUID, name: { type: 'string' }, role: { type: 'string' } } } }, ...ERRORS },
      },
    },
    async (request) => {
      const officer = officerOf(request);
      const { escalation } = await viewEscalation(deps, officer, request.params.id);
      const all = await listOfficers(deps.db);
      return all.filter((o) => !o.disabled && o.role !== 'officer' && o.id !== officer.id && covers(o, deps.areas, escalation.areaId));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/escalations/:id/claim',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Claim a conversation: one officer only (409 when someone else was first)',
        params: ID_PARAMS,
        response: { 200: OK, ...ERRORS },
      },
    },
    async (request) => {
      await claim(deps, officerOf(request), request.params.id);
      return { ok: true };
    },
  );

  app.post<{ Params: { id: string }; Body: { text: string } }>(
    '/api/escalations/:id/replies',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Answer the resident: it reaches them on their platform, in order, after what they were sent before',
        params: ID_PARAMS,
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' } } },
        response: { 200: OK, ...ERRORS },
      },
    },
    async (request) => {
      await reply(deps, officerOf(request), request.params.id, request.body.text.trim());
      return { ok: true };
    },
  );

  app.post<{ Params: { id: string }; Body: { officer: string } }>(
    '/api/escalations/:id/hand-over',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Hand a claimed conversation to another liaison officer of its area',
        params: ID_PARAMS,
        body: { type: 'object', additionalProperties: false, required: ['officer'], properties: { officer: UUID } },
        response: { 200: OK, ...ERRORS },
      },
    },
    async (request) => {
      await handOver(deps, officerOf(request), request.params.id, request.body.officer);
      return { ok: true };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/escalations/:id/close',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Close a conversation; the resident is asked how they were treated',
        params: ID_PARAMS,
        response: { 200: OK, ...ERRORS },
      },
    },
    async (request) => {
      await close(deps, officerOf(request), request.params.id);
      return { ok: true };
    },
  );

  app.get<{ Querystring: { lang: string } }>(
    '/api/canned-replies',
    {
      schema: {
        tags: ['liaison'],
        summary: 'Ready answers in a language, for the liaison inbox',
        querystring: { type: 'object', additionalProperties: false, required: ['lang'], properties: { lang: { type: 'string', enum: ['ur', 'sd', 'en'] } } },
        response: { 200: { type: 'array', items: { type: 'string' } }, ...ERRORS },
      },
    },
    async (request) => {
      requireRole(officerOf(request), 'liaison');
      const lang = request.query.lang as 'ur' | 'sd' | 'en';
      return deps.catalog.keys(lang).filter((key) => key.startsWith('canned-')).sort().map((key) => deps.catalog.format(lang, key));
    },
  );
}
