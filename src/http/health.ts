import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  /** Each check resolves when its dependency answers. */
  checks: Record<string, () => Promise<unknown>>;
}

/** /healthz: the process is up. /readyz: it can do its work (Redis and the database answer). */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, (error as Error).message] as const;
        }
      }),
    );
    const ok = results.every(([, status]) => status === 'ok');
    return reply.code(ok ? 200 : 503).send({ ok, checks: Object.fromEntries(results) });
  });
}
