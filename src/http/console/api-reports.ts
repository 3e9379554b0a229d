import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { LANGUAGES } from '../../engine/types.ts';
import { NotFoundError } from '../../officers/access.ts';
import { askQuestion, type DeskQuery, exportDesk, listDesk, setStatus, viewReport } from '../../officers/desk.ts';
import { mediaFile } from '../../store/desk.ts';
import { REJECTED_REASONS, type RejectedReason, REPORT_STATUSES, type ReportStatus } from '../../store/reports.ts';
import { officerOf } from './auth.ts';
import { csvLine } from './csv.ts';
import type { ConsoleDeps } from './deps.ts';
import { AREA_ID, DATE_TIME, DAY, ERRORS, NOTIFIED, REFERENCE } from './schemas.ts';

const FILTER_PROPERTIES = {
  district: AREA_ID,
  area: AREA_ID,
  category: { type: 'string', pattern: '^[a-z-]{1,40}$' },
  status: { type: 'string', enum: [...REPORT_STATUSES] },
  from: DAY,
  to: DAY,
  anonymous: { type: 'string', enum: ['true', 'false'] },
} as const;

type FilterQuery = { district?: string; area?: string; category?: string; status?: string; from?: string; to?: string; anonymous?: 'true' | 'false' };

const REPORT_ROW = {
  type: 'object',
  properties: {
    reference: { type: 'string' },
    category: { type: 'string' },
    areaId: { type: 'string' },
    place: { type: ['string', 'null'] },
    status: { type: 'string' },
    rejectedReason: { type: ['string', 'null'] },
    anonymous: { type: 'boolean' },
    createdAt: DATE_TIME,
    updatedAt: DATE_TIME,
  },
} as const;

const REFERENCE_PARAMS = { type: 'object', properties: { reference: REFERENCE } } as const;

function queryOf(q: FilterQuery): DeskQuery {
  return {
    district: q.district,
    area: q.area,
    category: q.category,
    status: q.status,
    from: q.from,
    to: q.to,
    anonymous: q.anonymous === undefined ? undefined : q.anonymous === 'true',
  };
}

/** The reports desk: lists with filters, a report's page, status changes, questions, CSV export. */
export async function reportRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  app.get(
    '/api/areas',
    {
      schema: {
        tags: ['reports'],
        summary: "Karachi's districts and areas (data/areas.yaml), with their names in each language",
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                kind: { type: 'string' },
                district: { type: ['string', 'null'] },
                names: { type: 'object', properties: Object.fromEntries(LANGUAGES.map((l) => [l, { type: 'string' }])) },
              },
            },
          },
          ...ERRORS,
        },
      },
    },
    async () => deps.areas.map(({ id, kind, district, names }) => ({ id, kind, district, names })),
  );

  app.get<{ Querystring: FilterQuery & { page?: string; pageSize?: string } }>(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Reports in your areas, newest first, with the count of each status under the same filters',
        description: '`from` and `to` are days in Karachi time, both included.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...FILTER_PROPERTIES, page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' }, pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$' } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              reports: { type: 'array', items: REPORT_ROW },
              counts: { type: 'object', additionalProperties: { type: 'integer' } },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const page = Number(request.query.page ?? 1);
      const pageSize = Number(request.query.pageSize ?? 25);
      const result = await listDesk(deps, officerOf(request), queryOf(request.query), page, pageSize);
      return { ...result, page, pageSize };
    },
  );

  app.get<{ Querystring: FilterQuery }>(
    '/api/reports.csv',
    {
      schema: {
        tags: ['reports'],
        summary: 'The filtered list as a CSV file; nothing in it names or links to a reporter',
        querystring: { type: 'object', additionalProperties: false, properties: FILTER_PROPERTIES },
        produces: ['text/csv'],
        response: { 200: { type: 'string', description: 'CSV, one report a line' }, ...ERRORS },
      },
    },
    async (request, reply) => {
      const officer = officerOf(request);
      const pages = exportDesk(deps, officer, queryOf(request.query));
      async function* lines() {
        yield csvLine(['reference', 'created_at', 'category', 'area', 'district', 'status', 'rejected_reason', 'anonymous', 'place', 'lat', 'lng', 'occurred', 'language', 'description']);
        for await (const rows of pages) {
          for (const r of rows) {
            const district = deps.areas.find((a) => a.id === r.areaId)?.district ?? r.areaId;
            yield csvLine([r.reference, r.createdAt, r.category, r.areaId, district, r.status, r.rejectedReason, r.anonymous, r.place, r.lat, r.lng, r.occurredText, r.language, r.description]);
          }
        }
      }
      const day = new Date().toISOString().slice(0, 10);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="mohalla-reports-${day}.csv"`);
      return reply.send(Readable.from(lines()));
    },
  );

  app.get<{ Params: { reference: string } }>(
    '/api/reports/:reference',
    {
      schema: {
        tags: ['reports'],
        summary: 'Everything the resident gave, and the timeline of status changes, notes, questions and answers',
        params: REFERENCE_PARAMS,
        response: {
          200: {
            type: 'object',
            properties: {
              report: {
                type: 'object',
                properties: {
                  ...REPORT_ROW.properties,
                  lat: { type: ['number', 'null'] },
                  lng: { type: ['number', 'null'] },
                  occurredAt: { type: ['string', 'null'], format: 'date-time' },
                  occurredText: { type: ['string', 'null'] },
                  description: { type: 'string' },
                  language: { type: 'string' },
                  photos: { type: 'integer', description: 'how many photos: GET /api/reports/{reference}/photos/{index}' },
                  platform: { type: ['string', 'null'], description: 'where a named reporter wrote from; null for anonymous reports' },
                },
              },
              events: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    kind: { type: 'string', enum: ['status', 'question', 'answer'] },
                    status: { type: ['string', 'null'] },
                    note: { type: ['string', 'null'] },
                    public: { type: 'boolean' },
                    actor: { type: 'string' },
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
    async (request) => {
      const { report, events } = await viewReport(deps, officerOf(request), request.params.reference);
      return { report: { ...report, photos: report.media.length }, events };
    },
  );

  app.get<{ Params: { reference: string; index: string } }>(
    '/api/reports/:reference/photos/:index',
    {
      schema: {
        tags: ['reports'],
        summary: "A photo of the report (its metadata was removed when it arrived)",
        params: { type: 'object', properties: { reference: REFERENCE, index: { type: 'string', pattern: '^[0-9]{1,2}$' } } },
        response: { 200: { type: 'string', description: 'the image' }, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { report } = await viewReport(deps, officerOf(request), request.params.reference);
      const mediaId = report.media[Number(request.params.index)];
      const file = mediaId ? await mediaFile(deps.db, mediaId) : null;
      if (!file) throw new NotFoundError('no such photo');
      reply.header('content-type', file.contentType).header('cache-control', 'private, max-age=3600');
      return reply.send(createReadStream(join(deps.dataDir, file.path)));
    },
  );

  app.post<{ Params: { reference: string }; Body: { status: ReportStatus; reason?: RejectedReason; note?: string; public?: boolean } }>(
    '/api/reports/:reference/status',
    {
      schema: {
        tags: ['reports'],
        summary: 'Change the status, with a note; a named reporter is told in their language (closing asks for feedback)',
        description: 'received → in-review → action-taken → closed, or rejected with a reason. A public note (the default) is shown to the reporter; a private one only to officers.',
        params: REFERENCE_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['status'],
          properties: {
            status: { type: 'string', enum: [...REPORT_STATUSES] },
            reason: { type: 'string', enum: [...REJECTED_REASONS] },
            note: { type: 'string', maxLength: 1000 },
            public: { type: 'boolean' },
          },
        },
        response: { 200: NOTIFIED, ...ERRORS },
      },
    },
    async (request) => {
      const { status, reason, note, public: isPublic } = request.body;
      return setStatus(deps, officerOf(request), {
        reference: request.params.reference,
        status,
        rejectedReason: reason,
        note: note?.trim() ? note.trim() : null,
        isPublic: isPublic ?? true,
      });
    },
  );

  app.post<{ Params: { reference: string }; Body: { question: string } }>(
    '/api/reports/:reference/questions',
    {
      schema: {
        tags: ['reports'],
        summary: 'Ask the reporter a question; a named one gets it now, an anonymous one at their next status check',
        params: REFERENCE_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['question'],
          properties: { question: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' } },
        },
        response: { 200: NOTIFIED, ...ERRORS },
      },
    },
    async (request) => askQuestion(deps, officerOf(request), request.params.reference, request.body.question.trim()),
  );
}
