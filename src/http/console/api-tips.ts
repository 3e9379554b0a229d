import type { FastifyInstance } from 'fastify';
import { LANGUAGES } from '../../engine/types.ts';
import { changeTip, createTip, findTips, removeTip, reorderTips, type TipQuery } from '../../officers/tips.ts';
import type { TipChange, TipTexts } from '../../store/tips.ts';
import { TIP_MAX_CHARS } from '../../tips/seed.ts';
import { officerOf } from './auth.ts';
import type { ConsoleDeps } from './deps.ts';
import { AREA_ID, DATE_TIME, ERRORS, OK } from './schemas.ts';

// Plain text: no control characters other than line breaks.
const TEXT = { type: 'string', maxLength: TIP_MAX_CHARS, pattern: '^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f]*$' } as const;
const TEXTS = { type: 'object', additionalProperties: false, properties: Object.fromEntries(LANGUAGES.map((lang) => [lang, TEXT])) } as const;
const ID_PARAMS = { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,14}$' } } } as const;

const TIP = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    topic: { type: 'string' },
    areaId: { type: ['string', 'null'] },
    texts: { type: 'object', additionalProperties: { type: 'string' } },
    position: { type: 'integer' },
    active: { type: 'boolean' },
    updatedBy: { type: 'string' },
    updatedAt: DATE_TIME,
    editable: { type: 'boolean', description: 'whether the officer asking may change it' },
  },
} as const;

/** The safety tips library the tips flow serves: everyone reads it; admins and area officers change it. */
export async function tipRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const { db, areas, tips } = deps;
  const TOPIC = { type: 'string', enum: deps.tipTopics } as const;
  // Residents of this process see a change at once; other processes notice the library's new version.
  const changed = <T>(result: T): T => {
    tips.invalidate();
    return result;
  };

  app.get('/api/tips/topics', { schema: { tags: ['tips'], summary: 'The topics tips are kept for', response: { 200: { type: 'array', items: { type: 'string' } }, ...ERRORS } } }, async () => deps.tipTopics);

  app.get<{ Querystring: TipQuery }>(
    '/api/tips',
    {
      schema: {
        tags: ['tips'],
        summary: 'Tips, in the order residents see them, active or not',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            topic: TOPIC,
            area: { ...AREA_ID, description: 'an area or district id; "city" for the city-wide tips only; unset: all' },
            lang: { type: 'string', enum: [...LANGUAGES], description: 'only tips with a text in this language' },
          },
        },
        response: { 200: { type: 'array', items: TIP }, ...ERRORS },
      },
    },
    async (request) => findTips(db, officerOf(request), areas, request.query),
  );

  app.post<{ Body: { topic: string; areaId: string | null; texts: TipTexts } }>(
    '/api/tips',
    {
      schema: {
        tags: ['tips'],
        summary: 'Add a tip after the others of its topic and area (admins; officers for their areas)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['topic', 'areaId', 'texts'],
          properties: { topic: TOPIC, areaId: { anyOf: [AREA_ID, { type: 'null' }] }, texts: TEXTS },
        },
        response: { 201: TIP, ...ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(changed(await createTip(db, officerOf(request), areas, request.body))),
  );

  app.patch<{ Params: { id: string }; Body: TipChange }>(
    '/api/tips/:id',
    {
      schema: {
        tags: ['tips'],
        summary: 'Change a tip: its texts, whether residents see it, its place (admins; officers for their areas)',
        params: ID_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { texts: TEXTS, active: { type: 'boolean' }, position: { type: 'integer', minimum: 0, maximum: 10_000 } },
        },
        response: { 200: TIP, ...ERRORS },
      },
    },
    async (request) => changed(await changeTip(db, officerOf(request), areas, Number(request.params.id), request.body)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/tips/:id',
    { schema: { tags: ['tips'], summary: 'Remove a tip for good (admins; officers for their areas)', params: ID_PARAMS, response: { 200: OK, ...ERRORS } } },
    async (request) => {
      await removeTip(db, officerOf(request), areas, Number(request.params.id));
      return changed({ ok: true });
    },
  );

  app.put<{ Body: { ids: number[] } }>(
    '/api/tips/order',
    {
      schema: {
        tags: ['tips'],
        summary: 'Put the tips of one topic and area in this order',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['ids'],
          properties: { ids: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: { type: 'integer', minimum: 1 } } },
        },
        response: { 200: { type: 'array', items: TIP }, ...ERRORS },
      },
    },
    async (request) => changed(await reorderTips(db, officerOf(request), areas, request.body.ids)),
  );
}
