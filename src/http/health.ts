import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  /** Each check resolves when its dependency answers. */
  checks: Record<string, () => Promise<unknown>>;
  /** How long a check may take before it counts as failed: a probe must get an answer, not wait with a stuck dependency. */
  timeoutMs?: number;
}

const TIMEOUT_MS = 2000;

/** Runs one check: "ok", "failed" or "timed out". What went wrong is the operator's to read in the log, not the prober's. */
async function run(check: () => Promise<unknown>, timeoutMs: number): Promise<{ status: string; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  try {
    return (await Promise.race([check().then(() => 'ok' as const), timedOut])) === 'ok' ? { status: 'ok' } : { status: 'timed out' };
  } catch (error) {
    return { status: 'failed', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process is up. /readyz: it can do its work (Redis and the database answer). */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (request, reply) => {
    const checks: Record<string, string> = {};
    await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        const { status, error } = await run(check, options.timeoutMs ?? TIMEOUT_MS);
        checks[name] = status;
        if (status !== 'ok') request.log.warn({ check: name, status, err: error }, 'readiness check failed');
      }),
    );
    const ok = Object.values(checks).every((status) => status === 'ok');
    return reply.code(ok ? 200 : 503).send({ ok, checks });
  });
}
