/**
 * The floor the pipeline is measured against: the web chat's HTTP contract built from the same parts and
 * nothing else — fastify, a message through partitioned BullMQ queues with global concurrency 1 (hop one), a
 * reply through an outbound queue (hop two), an in-memory mailbox and the same event stream. No engine, no
 * database. Run as its own process (`tsx bench/floor.ts`) with REDIS_URL, QUEUE_PREFIX and PORT; it prints
 * `floor: <url>` once it listens.
 */
import { Queue, Worker } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { partitionOf } from '../src/pipeline/queues.ts';

const partitions = Number(process.env.INBOUND_PARTITIONS ?? 16);
const prefix = process.env.QUEUE_PREFIX ?? 'floor';
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });

const inbound = Array.from({ length: partitions }, (_, p) => new Queue(`floor-in-${p}`, { connection, prefix }));
await Promise.all(inbound.map((q) => q.setGlobalConcurrency(1)));
const outbound = new Queue('floor-out', { connection, prefix });

const listeners = new Map<string, (message: { id: string; text: string }) => void>();
let nextId = 0;

const workers = [
  ...inbound.map(
    (q) =>
      new Worker(
        q.name,
        async (job) => {
          await outbound.add('send', { resident: job.data.resident, text: 'reply' }, { removeOnComplete: true });
        },
        { connection, prefix, concurrency: 1 },
      ),
  ),
  new Worker(
    'floor-out',
    async (job) => {
      listeners.get(job.data.resident)?.({ id: String(++nextId), text: job.data.text });
    },
    { connection, prefix, concurrency: 8 },
  ),
];

const app = Fastify();
app.post<{ Body: { resident: string; id?: string } }>(
  '/chat/api/messages',
  { schema: { body: { type: 'object', required: ['resident'], properties: { resident: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } } } } },
  async (request, reply) => {
    const { resident } = request.body;
    const id = `web-${resident}.${request.body.id}`;
    await inbound[partitionOf(resident, partitions)]?.add('message', { resident, body: request.body }, { jobId: id, removeOnComplete: true });
    return reply.code(202).send({ id });
  },
);
app.get<{ Querystring: { resident: string } }>('/chat/api/stream', (request, reply) => {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  listeners.set(request.query.resident, (m) => raw.write(`id: ${m.id}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`));
  raw.on('close', () => listeners.delete(request.query.resident));
  raw.write('retry: 2000\n\n');
});

const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`floor: ${url}\n`);

process.on('SIGTERM', async () => {
  await app.close();
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([...inbound, outbound].map((q) => q.obliterate({ force: true }).then(() => q.close())));
  await connection.quit();
  process.exit(0);
});
