import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The stages a resident's message goes through, each timed on its own. */
export const STAGES = ['accept', 'queued', 'turn', 'send'] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_HELP: Record<Stage, string> = {
  accept: 'an adapter handing a message to the inbox (until it is safely in Redis)',
  queued: 'a message waiting in its inbound partition until a worker takes it',
  turn: 'reading, running the engine and writing one turn of conversation',
  send: 'sending one reply to a platform',
};

export interface Metrics {
  registry: Registry;
  /** Records how long one message spent in `stage`. */
  observe(stage: Stage, seconds: number): void;
  /** Times `fn` as `stage`. */
  time<T>(stage: Stage, fn: () => Promise<T>): Promise<T>;
}

/** Prometheus metrics of one process: its own (CPU, memory, event loop) and the pipeline's stages. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mohalla_' });
  const stage = new Histogram({
    name: 'mohalla_stage_seconds',
    help: `Time a message spends in each stage: ${STAGES.map((s) => `${s}: ${STAGE_HELP[s]}`).join('; ')}`,
    labelNames: ['stage'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const observe = (name: Stage, seconds: number) => stage.observe({ stage: name }, seconds);
  return {
    registry,
    observe,
    async time(name, fn) {
      const started = performance.now();
      try {
        return await fn();
      } finally {
        observe(name, (performance.now() - started) / 1000);
      }
    },
  };
}
