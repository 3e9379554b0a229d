import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Redis } from 'ioredis';
import type { Secrets } from '../secrets.ts';

export interface ChatLimits {
  /** Requests a minute one web resident id may make. */
  perResident: number;
  /** Requests a minute one client address may make, whatever the resident ids it uses. */
  perAddress: number;
}

const MINUTE_MS = 60_000;

/** The resident a request is for, in its body (posts) or its query (reads, streams). */
function residentOf(request: FastifyRequest): string {
  const holder = (request.method === 'POST' ? request.body : request.query) as { resident?: unknown } | undefined;
  return typeof holder?.resident === 'string' ? holder.resident : '';
}

function refuse(reply: FastifyReply, retryAfterSeconds: number, whose: string): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', String(Math.max(1, retryAfterSeconds)))
    .send({ statusCode: 429, error: 'Too Many Requests', message: `too many requests for this ${whose}: try again in ${Math.max(1, retryAfterSeconds)} s` });
}

/**
 * Limits on the web chat API, counted in Redis so that every process serving it counts together: per client
 * address (the one TRUST_PROXY makes fastify believe), checked as a request arrives, and per resident id, once
 * the request has been read. Counters are named by keyed hashes: Redis keeps no address or resident id.
 */
export async function chatRateLimits(app: FastifyInstance, redis: Redis, prefix: string, secrets: Secrets, limits: ChatLimits) {
  await app.register(rateLimit, { global: false, redis, nameSpace: `${prefix}:rate-limit:` });
  const address = app.createRateLimit({
    max: limits.perAddress,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => `a-${secrets.opaqueId(`rate address\u0000${normalizeIP(request.ip)}`)}`,
  });
  const resident = app.createRateLimit({
    max: limits.perResident,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => `r-${secrets.opaqueId(`rate resident\u0000${residentOf(request)}`)}`,
  });
  const perAddress: onRequestAsyncHookHandler = async (request, reply) => {
    const result = await address(request);
    if (!result.isAllowed && result.isExceeded) return refuse(reply, result.ttlInSeconds, 'address');
  };
  const perResident: onRequestAsyncHookHandler = async (request, reply) => {
    const result = await resident(request);
    if (!result.isAllowed && result.isExceeded) return refuse(reply, result.ttlInSeconds, 'resident');
  };
  return { onRequest: perAddress, preHandler: perResident };
}
