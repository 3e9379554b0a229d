
import { parseArgs } from 'node:util';
import { loadContent } from '../app.ts';
import { connectCli } from './connect.ts';
import { AlertError, type AlertRequest, alertProgress, cancelAlert, previewAlert, sendAlert } from '../broadcasts/service.ts';
import type { Target } from '../broadcasts/target.ts';
import { ALERT_TOPICS } from '../broadcasts/topics.ts';

const USAGE = `usage:
  npm run alert:send -- (--areas ID,ID | --districts ID,ID | --city) --ur TEXT [--sd TEXT] [--en TEXT]
                        [--topic ${ALERT_TOPICS.join('|')}] [--urgent] [--at ISO-TIME] [--preview]
  npm run alert:status -- ID
  npm run alert:cancel -- ID`;

function fail(message: string): never {
  process.stderr.write(`alert: ${message}\n`);
  process.exit(1);
}

const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const [command, ...rest] = process.argv.slice(2);
let parsed: ReturnType<typeof parse>;
function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      areas: { type: 'string' },
      districts: { type: 'string' },
      city: { type: 'boolean', default: false },
      ur: { type: 'string' },
      sd: { type: 'string' },
      en: { type: 'string' },
      topic: { type: 'string' },
      urgent: { type: 'boolean', default: false },
      preview: { type: 'boolean', default: false },
      at: { type: 'string' },
    },
  });
}
try {
  parsed = parse(rest);
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (command !== 'send' && command !== 'status' && command !== 'cancel') fail(USAGE);
const id = Number(positionals[0]);
if (command !== 'send' && !Number.isInteger(id)) fail(`${command} needs the alert's number\n${USAGE}`);

const count = (n: number | null) => (n === null ? '—' : String(n));

function request(): AlertRequest {
  const target: Target = values.city ? { city: true } : { districts: list(values.districts), areas: list(values.areas) };
  const at = values.at ? new Date(values.at) : null;
  return { texts: { ur: values.ur, sd: values.sd, en: values.en }, target, topic: values.topic ?? null, urgent: values.urgent, sendAt: at, createdBy: 'cli' };
}

// A preview needs neither Redis nor the database.
if (command === 'send' && values.preview) {
  try {
    const { catalog, flows } = loadContent();
    const { messages, warnings } = previewAlert({ areas: flows.areas, catalog, constants: flows.constants }, request());
    for (const [lang, text] of Object.entries(messages)) process.stdout.write(`--- ${lang}\n${text}\n`);
    for (const warning of warnings) process.stderr.write(`alert: warning: ${warning}\n`);
    process.exit(0);
  } catch (error) {
    fail((error as Error).message);
  }
}

try {
  const { flows } = loadContent();
  const { db, queues, close } = await connectCli();
  try {
    if (command === 'send') {
      const { broadcast, warnings } = await sendAlert({ db, queues, areas: flows.areas }, request());
      for (const warning of warnings) process.stderr.write(`alert: warning: ${warning}\n`);
      const when = values.at ? `scheduled for ${broadcast.sendAt.toISOString()}` : 'going out now';
      process.stdout.write(`alert ${broadcast.id}: ${when}; follow it with: npm run alert:status -- ${broadcast.id}\n`);
    } else if (command === 'cancel') {
      const cancelled = await cancelAlert({ db, queues }, id);
      process.stdout.write(cancelled ? `alert ${id}: cancelled; nobody else gets it\n` : `alert ${id}: nothing to cancel (unknown, or cancelled before)\n`);
    } else {
      const p = await alertProgress(db, id);
      if (!p) fail(`no alert ${id}`);
      process.stdout.write(
        `alert ${p.id}: ${p.status}${p.urgent ? ', urgent' : ''}, ${p.targeted === null ? 'to go out' : 'went out'} at ${p.sendAt.toISOString()}\n` +
          `targeted ${count(p.targeted)}, queued ${p.queuedTotal}, sent ${p.sent}, failed ${p.failed}, unreachable ${p.unreachable}, ` +
          `skipped ${p.skipped} (daily cap or alerts turned off), cancelled ${p.cancelled}, waiting ${p.queued + p.sending}\n` +
          p.warnings.map((w) => `warning: ${w}\n`).join(''),
      );
    }
  } finally {
    await close();
  }
} catch (error) {
  fail(error instanceof AlertError ? error.message : (error as Error).message);
}
