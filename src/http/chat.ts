import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { WebNotifier } from '../channels/web/web-notifier.ts';
import { LANGUAGES, type Vars } from '../engine/types.ts';
import type { Catalog } from '../i18n/catalog.ts';
import { unstorableText } from '../channels/text-input.ts';
import type { ResidentInput } from '../messages.ts';
import type { Inbox } from '../pipeline/inbox.ts';
import type { Secrets } from '../secrets.ts';
import type { Db } from '../store/db.ts';
import type { Logger } from '../log.ts';
import { serveArabicFont } from './arabic-font.ts';
import { type ChatLimits, chatRateLimits } from './chat-limits.ts';
import { createStreamHub, type StreamLimits } from './chat-streams.ts';
import { forgetSecrets, listWebMessages } from '../store/web-messages.ts';

export interface ChatOptions {
  db: Db;
  /** Where the rate limits count (the connection that fails fast while Redis is away), under `keyPrefix`. */
  redis: Redis;
  /** Not `prefix`: fastify would put that in front of every route. */
  keyPrefix: string;
  limits: ChatLimits;
  streams: StreamLimits;
  inbox: Inbox;
  notifier: WebNotifier;
  /** Web resident ids are looked up, and listened to, only as keyed hashes. */
  secrets: Secrets;
  catalog: Catalog;
  constants: Vars;
  maxMessageChars: number;
}

const RESIDENT = { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } as const;
const CURSOR = { type: 'string', pattern: '^[0-9]{1,18}$' } as const;
/** Where a stream starts: after the cursor, or after the last message a reconnecting page saw. */
const STREAM_SCHEMA = {
  querystring: { type: 'object', required: ['resident'], properties: { resident: RESIDENT, after: CURSOR } },
  headers: { type: 'object', properties: { 'last-event-id': CURSOR } },
} as const;
const PAGE = 100;
const STREAMS_FULL_RETRY_SECONDS = 10;
const UI_KEYS = ['web-title', 'web-placeholder', 'web-send', 'web-location', 'web-offline', 'web-demo-note', 'web-not-sent', 'web-busy'];

interface PostBody {
  resident: string;
  id?: string;
  text?: string;
  choice?: string;
  location?: { lat: number; lng: number };
  start?: string;
}

/** Exactly one kind of input per message; the reason says which when a client gets it wrong. */
function inputOf(body: PostBody): ResidentInput | string {
  const given = (['text', 'choice', 'location', 'start'] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) return `send exactly one of text, choice, location or start (got ${given.length === 0 ? 'none' : given.join(', ')})`;
  if (body.text !== undefined) return body.text.trim() === '' ? 'text is empty' : (unstorableText(body.text) ?? { kind: 'text', text: body.text });
  if (body.choice !== undefined) return { kind: 'choice', id: body.choice };
  if (body.location) return { kind: 'location', lat: body.location.lat, lng: body.location.lng };
  return { kind: 'start', payload: body.start ?? '' };
}

/**
 * The web chat: a page at /chat and the HTTP contract behind it, which any client can drive:
 * POST /chat/api/messages, GET /chat/api/messages (with a cursor) and an event stream for the page.
 */
export async function chatRoutes(app: FastifyInstance, options: ChatOptions): Promise<void> {
  const { db, inbox, notifier } = options;
  const keyOf = (resident: string) => options.secrets.hashAddress('web', resident);
  const streams = createStreamHub(db, notifier, app.log as Logger, options.streams);
  // Open event streams never end by themselves; a stopping server ends them so it does not wait forever.
  app.addHook('preClose', async () => streams.endAll());

  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../channels/web/page/', import.meta.url)),
    prefix: '/chat/',
    decorateReply: false,
  });
  await serveArabicFont(app, '/chat/fonts/');
  app.get('/chat', (_request, reply) => reply.redirect('/chat/'));
  const limited = await chatRateLimits(app, options.redis, options.keyPrefix, options.secrets, options.limits);

  app.post<{ Body: PostBody }>(
    '/chat/api/messages',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['resident'],
          properties: {
            resident: RESIDENT,
            id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
            text: { type: 'string', maxLength: options.maxMessageChars },
            choice: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
            location: {
              type: 'object',
              additionalProperties: false,
              required: ['lat', 'lng'],
              properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 } },
            },
            start: { type: 'string', pattern: '^[a-z0-9-]{0,64}$' },
          },
        },
        response: { 202: { type: 'object', properties: { id: { type: 'string' } } } },
      },
      ...limited,
    },
    async (request, reply) => {
      const input = inputOf(request.body);
      if (typeof input === 'string') return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: input });
      // A client that retries with the same id is not counted twice. Neither part can hold a ".", so the
      // messages of two residents never share an id ("a-b" + "c" and "a" + "b-c").
      const id = `web-${request.body.resident}.${request.body.id ?? randomUUID()}`;
      await inbox.accept({ id, platform: 'web', address: request.body.resident, receivedAt: new Date().toISOString(), input });
      return reply.code(202).send({ id });
    },
  );

  app.get<{ Querystring: { resident: string; after?: string } }>(
    '/chat/api/messages',
    { schema: { querystring: { type: 'object', required: ['resident'], properties: { resident: RESIDENT, after: CURSOR } } }, ...limited },
    async (request) => {
      const after = request.query.after ?? '0';
      const messages = await listWebMessages(db, keyOf(request.query.resident), Number(after), PAGE);
      await forgetSecrets(db, messages);
      return { messages, cursor: messages.at(-1)?.id ?? after };
    },
  );

  app.get<{ Querystring: { resident: string; after?: string } }>('/chat/api/stream', { schema: STREAM_SCHEMA, ...limited }, async (request, reply) => {
    const key = keyOf(request.query.resident);
    if (!streams.admits(key)) {
      request.log.warn('event stream refused: WEB_CHAT_MAX_STREAMS are open');
      return reply
        .code(503)
        .header('retry-after', String(STREAMS_FULL_RETRY_SECONDS))
        .send({ statusCode: 503, error: 'Service Unavailable', message: 'too many open event streams: try again in a little while' });
    }
    reply.hijack();
    streams.open(key, reply.raw, Number(request.headers['last-event-id'] ?? request.query.after ?? 0));
  });

  // The page's own labels never change while the process runs: formatted once.
  const args = Object.fromEntries(Object.entries(options.constants).map(([k, v]) => [k, String(v)]));
  const strings = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, Object.fromEntries(UI_KEYS.map((key) => [key, options.catalog.format(lang, key, args)]))]),
  );
  // The longest text the API takes, so the page stops the typing there instead of failing after the send.
  app.get('/chat/api/strings', async () => ({ ...strings, limits: { maxChars: options.maxMessageChars } }));
}
