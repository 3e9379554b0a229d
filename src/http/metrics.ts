import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** /metrics: this process's figures for Prometheus (counts and timings only, nothing about any resident). */
export async function metricsRoutes(app: FastifyInstance, options: { registry: Registry }): Promise<void> {
  app.get('/metrics', async (_request, reply) => reply.type(options.registry.contentType).send(await options.registry.metrics()));
}
