import type { FastifyInstance } from 'fastify';
import { LANGUAGES } from '../../engine/types.ts';
import type { Target } from '../../broadcasts/target.ts';
import { MAX_ALERT_CHARS } from '../../broadcasts/texts.ts';
import { ALERT_TOPICS } from '../../broadcasts/topics.ts';
import { type AlertDraft, alertChoices, cancelForOfficer, listForOfficer, previewForOfficer, progressForOfficer, sendForOfficer } from '../../officers/alerts.ts';
import { ConflictError } from '../../officers/access.ts';
import { officerOf } from './auth.ts';
import type { ConsoleDeps } from './deps.ts';
import { liveStreams } from './live-streams.ts';
import { AREA_ID, DATE_TIME, ERRORS, OK } from './schemas.ts';

const LANGUAGE = { type: 'string', enum: [...LANGUAGES] } as const;
const MISSING = {
  type: 'array',
  description: 'each language without a text, and the language its readers get instead',
  items: { type: 'object', properties: { lang: LANGUAGE, gets: LANGUAGE } },
} as const;
const TARGET = {
  type: 'object',
  description: '`{ "city": true }` (admins), or districts and areas (ids of data/areas.yaml)',
  additionalProperties: false,
  properties: {
    city: { type: 'boolean' },
    districts: { type: 'array', maxItems: 200, items: AREA_ID },
    areas: { type: 'array', maxItems: 500, items: AREA_ID },
  },
} as const;

const ALERT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['texts', 'target'],
  properties: {
    texts: {
      type: 'object',
      description: 'the text in each language written; at least one. Readers of a missing language get another (see `missing` of the preview)',
      additionalProperties: false,
      properties: Object.fromEntries(LANGUAGES.map((l) => [l, { type: 'string', maxLength: MAX_ALERT_CHARS }])),
    },
    target: TARGET,
    topic: { type: ['string', 'null'], enum: [...ALERT_TOPICS, null], description: 'residents who chose topics get only theirs; none: everyone' },
    urgent: { type: 'boolean', description: 'goes first, through quiet hours, daily limits and topics' },
    sendAt: { type: ['string', 'null'], format: 'date-time', description: 'when to send (with its offset, +05:00 in Karachi); now when absent' },
  },
} as const;

const ALERT = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: ['scheduled', 'sending', 'sent', 'cancelled'] },
    finished: { type: 'boolean', description: 'cancelled, or fully queued with nothing left waiting: the figures will not change' },
    urgent: { type: 'boolean' },
    topic: { type: ['string', 'null'] },
    target: TARGET,
    sendAt: DATE_TIME,
    createdAt: DATE_TIME,
    createdBy: { type: 'string' },
    texts: ALERT_BODY.properties.texts,
    targeted: { type: ['integer', 'null'], description: 'residents the alert is for, counted when it starts going out' },
    queuedTotal: { type: 'integer', description: 'deliveries handed to the queues so far' },
    ...Object.fromEntries(['queued', 'sending', 'sent', 'failed', 'unreachable', 'skipped', 'cancelled'].map((s) => [s, { type: 'integer' }])),
    warnings: { type: 'array', items: { type: 'string' } },
    missing: MISSING,
  },
} as const;

const ID_PARAMS = { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } } } as const;
const PAGE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' }, pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$' } },
} as const;

interface AlertBody {
  texts: Partial<Record<(typeof LANGUAGES)[number], string>>;
  target: { city?: boolean; districts?: string[]; areas?: string[] };
  topic?: string | null;
  urgent?: boolean;
  sendAt?: string | null;
}

function draftOf(body: AlertBody): AlertDraft {
  const target: Target = body.target.city ? { city: true } : { districts: body.target.districts ?? [], areas: body.target.areas ?? [] };
  return { texts: body.texts, target, topic: body.topic ?? null, urgent: body.urgent ?? false, sendAt: body.sendAt ? new Date(body.sendAt) : null };
}

/** Police alerts: preview, send or schedule, the list and each alert's figures (also live), cancel. */
export async function alertRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const pollMs = deps.alertPollMs ?? 1000;
  const live = liveStreams(app);

  app.get(
    '/api/alerts/choices',
    {
      schema: {
        tags: ['alerts'],
        summary: 'The topics, and the targets you may choose: the whole city (admins), districts, areas',
        response: {
          200: {
            type: 'object',
            properties: {
              topics: { type: 'array', items: { type: 'string' } },
              city: { type: 'boolean' },
              districts: { type: 'array', items: { type: 'string' } },
              areas: { type: 'array', items: { type: 'string' } },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => alertChoices(deps, officerOf(request)),
  );

  app.post<{ Body: AlertBody }>(
    '/api/alerts/preview',
    {
      schema: {
        tags: ['alerts'],
        summary: 'What residents of each language will read, exactly as sent, and the languages missing; sends nothing',
        body: ALERT_BODY,
        response: {
          200: {
            type: 'object',
            properties: {
              messages: { type: 'object', properties: Object.fromEntries(LANGUAGES.map((l) => [l, { type: 'string' }])) },
              warnings: { type: 'array', items: { type: 'string' } },
              missing: MISSING,
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => previewForOfficer(deps, officerOf(request), draftOf(request.body)),
  );

  app.post<{ Body: AlertBody }>(
    '/api/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Send an alert now, or schedule it (`sendAt`); recorded in the audit log',
        description: 'Admins may target the whole city, districts or areas; officers only their own districts and the areas they cover (403 otherwise); liaison officers send none.',
        body: ALERT_BODY,
        response: { 201: { type: 'object', properties: { alert: ALERT, warnings: { type: 'array', items: { type: 'string' } } } }, ...ERRORS },
      },
    },
    async (request, reply) => {
      const result = await sendForOfficer(deps, officerOf(request), draftOf(request.body));
      return reply.code(201).send(result);
    },
  );

  app.get<{ Querystring: { page?: string; pageSize?: string } }>(
    '/api/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Alerts newest first, with their figures: all for admins, those within your districts and areas for officers',
        querystring: PAGE_QUERY,
        response: {
          200: { type: 'object', properties: { alerts: { type: 'array', items: ALERT }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } } },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const page = Number(request.query.page ?? 1);
      const pageSize = Number(request.query.pageSize ?? 20);
      return { ...(await listForOfficer(deps, officerOf(request), page, pageSize)), page, pageSize };
    },
  );

  app.get<{ Querystring: { page?: string; pageSize?: string } }>(
    '/api/alerts/stream',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Server-sent events: an `alerts` event with the page of the list (as GET /api/alerts) whenever a figure changes',
        querystring: PAGE_QUERY,
        response: { 200: { type: 'string', description: 'text/event-stream' }, ...ERRORS },
      },
    },
    async (request, reply) => {
      const officer = officerOf(request);
      const page = Number(request.query.page ?? 1);
      const pageSize = Number(request.query.pageSize ?? 20);
      await live(request, reply, { event: 'alerts', pollMs, read: async () => ({ ...(await listForOfficer(deps, officer, page, pageSize)), page, pageSize }) });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: "An alert's figures: targeted, queued, sent, failed, unreachable, skipped, cancelled",
        params: ID_PARAMS,
        response: { 200: ALERT, ...ERRORS },
      },
    },
    async (request) => progressForOfficer(deps, officerOf(request), Number(request.params.id)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/alerts/:id/stream',
    {
      schema: {
        tags: ['alerts'],
        summary: "Server-sent events: a `progress` event with the alert's figures whenever they change; the stream ends when the alert is finished or cancelled",
        params: ID_PARAMS,
        response: { 200: { type: 'string', description: 'text/event-stream' }, ...ERRORS },
      },
    },
    async (request, reply) => {
      const officer = officerOf(request);
      const id = Number(request.params.id);
      await live(request, reply, { event: 'progress', pollMs, read: () => progressForOfficer(deps, officer, id), done: (p) => p.finished });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/alerts/:id/cancel',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Cancel an alert, scheduled or going out: nobody gets it from now on (409 when it is over already); recorded in the audit log',
        params: ID_PARAMS,
        response: { 200: OK, ...ERRORS },
      },
    },
    async (request) => {
      if (!(await cancelForOfficer(deps, officerOf(request), Number(request.params.id)))) throw new ConflictError('this alert is over already: sent out, or cancelled before');
      return { ok: true };
    },
  );
}
