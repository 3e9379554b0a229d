import type { FastifyInstance } from 'fastify';
import { type DashboardQuery, dashboard, DEFAULT_WEEKS, MAX_WEEKS } from '../../officers/dashboard.ts';
import { officerOf } from './auth.ts';
import type { ConsoleDeps } from './deps.ts';
import { AREA_ID, DAY, ERRORS } from './schemas.ts';

const MINUTES = { type: ['integer', 'null'] } as const;
const COUNT = { type: 'integer' } as const;

const FIGURES = {
  received: COUNT,
  actedOn: { ...COUNT, description: 'taken action on at some point, closed ones included (as on the public figures page)' },
  closed: COUNT,
  medianActionMinutes: { ...MINUTES, description: "median minutes from a report to the police's first change of its status" },
  medianReplyMinutes: { ...MINUTES, description: "median minutes from a resident asking for an officer to a liaison officer's first reply; null with a category filter" },
  feedback: {
    type: 'object',
    description: 'answers to the feedback questions after a closed report or conversation',
    properties: {
      answers: COUNT,
      treated: { type: 'object', description: 'how the police treated them: 5 very well … 1 very badly', properties: Object.fromEntries(['1', '2', '3', '4', '5'].map((n) => [n, COUNT])) },
      again: { type: 'object', description: 'would they report again', properties: { yes: COUNT, no: COUNT } },
    },
  },
} as const;

const keyed = (key: string, schema: Record<string, unknown>) => ({ type: 'array', items: { type: 'object', properties: { [key]: schema, ...FIGURES } } });

/** The dashboard of trust figures: what came in, what the police did and how fast, and what residents said. */
export async function dashboardRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  app.get<{ Querystring: DashboardQuery }>(
    '/api/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary: 'Trust figures per Karachi week (Monday to Sunday), and per district, area and category over the whole span',
        description: `\`from\` and \`to\` are any days of the first and last week (default: the last ${DEFAULT_WEEKS} weeks, this one included; at most ${MAX_WEEKS}). Officers and liaison officers see their own areas; a district or area outside them is refused with 403. Admins see the city.`,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { district: AREA_ID, area: AREA_ID, category: { type: 'string', pattern: '^[a-z-]{1,40}$' }, from: DAY, to: DAY },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              from: DAY,
              to: DAY,
              weeks: keyed('week', DAY),
              total: { type: 'object', properties: FIGURES },
              districts: keyed('id', { type: 'string' }),
              areas: keyed('id', { type: 'string' }),
              categories: keyed('id', { type: 'string' }),
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => dashboard(deps, officerOf(request), request.query),
  );
}
