/** JSON schemas the console's API routes share: validation, documentation at /docs and serialisation in one. */

export const ERROR = {
  type: 'object',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** The error answers every logged-in route can give. */
export const ERRORS = { 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR } as const;

export const DATE_TIME = { type: 'string', format: 'date-time' } as const;
export const NULLABLE_DATE_TIME = { type: ['string', 'null'], format: 'date-time' } as const;
export const UUID = { type: 'string', format: 'uuid' } as const;
export const REFERENCE = { type: 'string', pattern: '^KHI-[0-9A-Z]{4}-[0-9A-Z]{4}$' } as const;
export const AREA_ID = { type: 'string', pattern: '^[a-z0-9-]{1,60}$' } as const;
export const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const OFFICER = {
  type: 'object',
  properties: {
    id: UUID,
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'officer', 'liaison'] },
    areas: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const ACCOUNT = {
  type: 'object',
  properties: {
    ...OFFICER.properties,
    disabled: { type: 'boolean' },
    lockedUntil: NULLABLE_DATE_TIME,
    createdAt: DATE_TIME,
    lastLoginAt: NULLABLE_DATE_TIME,
  },
} as const;

export const OK = { type: 'object', properties: { ok: { type: 'boolean' } } } as const;
export const NOTIFIED = {
  type: 'object',
  properties: { notified: { type: 'boolean', description: 'true when a named reporter was told in their chat; anonymous reporters see it when they check' } },
} as const;
