/**
 * `npm run report:status -- <reference> <status> [note] [--private] [--reason …]`: sets the status of a report
 * from a shell (the officer console does the same), and tells a named reporter (on closing: the feedback questions).
 * With the embedded database it uses the server the running program started (or starts it for the moment).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { parseReference } from '../engine/reference.ts';
import { changeReportStatus, isReportStatus } from '../officers/report-status.ts';
import { createInbox } from '../pipeline/inbox.ts';
import { openQueues } from '../pipeline/queues.ts';
import { checkRedis, connectRedis } from '../pipeline/redis.ts';
import { createSecrets, loadMasterKey } from '../secrets.ts';
import { createLogger } from '../log.ts';
import { createMetrics } from '../metrics.ts';
import { openDatabase } from '../store/open.ts';
import { REJECTED_REASONS, type RejectedReason, REPORT_STATUSES } from '../store/reports.ts';

const usage = `usage: npm run report:status -- <reference> <${REPORT_STATUSES.join('|')}> [note] [--private] [--reason <${REJECTED_REASONS.join('|')}>]`;

function fail(message: string): never {
  process.stderr.write(`report:status: ${message}\n`);
  process.exit(1);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { private: { type: 'boolean', default: false }, reason: { type: 'string' } } });
const [typed, status, note] = positionals;
const reference = parseReference(typed ?? '');
if (!reference || !status) fail(usage);
if (!isReportStatus(status)) fail(`unknown status "${status}"; one of ${REPORT_STATUSES.join(', ')}`);
const reason = REJECTED_REASONS.find((r) => r === values.reason) ?? null;
if (values.reason !== undefined && !reason) fail(`unknown reason "${values.reason}"; one of ${REJECTED_REASONS.join(', ')}`);
if (status === 'rejected' && !reason) fail(`a rejection needs --reason ${REJECTED_REASONS.join('|')}`);

try {
  const config = loadConfig();
  await checkRedis(config.REDIS_URL);
  const secrets = createSecrets(loadMasterKey(config.SECRET_KEY, join(config.DATA_DIR, 'secret.key')).key);
  const database = await openDatabase(config, secrets, createLogger({ level: 'warn', pretty: false }));
  const { db } = database;
  const redis = connectRedis(config.REDIS_URL);
  const queues = await openQueues(redis, { prefix: config.QUEUE_PREFIX, partitions: config.INBOUND_PARTITIONS });
  try {
    const result = await changeReportStatus(db, createInbox(queues, secrets, createMetrics()), {
      reference,
      status,
      rejectedReason: reason as RejectedReason | null,
      note: note ?? null,
      isPublic: !values.private,
      actor: 'cli',
    });
    process.stdout.write(`${reference}: ${status}${result.notified ? ' (reporter notified)' : ' (anonymous or unknown reporter: not notified)'}\n`);
  } finally {
    await queues.close();
    await redis.quit();
    await database.close();
  }
} catch (error) {
  fail((error as Error).message);
}
