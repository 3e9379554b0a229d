
import { parseArgs } from 'node:util';
import { parseReference } from '../engine/reference.ts';
import { connectCli } from './connect.ts';
import { changeReportStatus, isReportStatus } from '../officers/report-status.ts';
import { createInbox } from '../pipeline/inbox.ts';
import { createMetrics } from '../metrics.ts';
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
  const { db, queues, secrets, close } = await connectCli();
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
    await close();
  }
} catch (error) {
  fail((error as Error).message);
}
