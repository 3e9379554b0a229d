import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCatalog } from '../src/i18n/catalog.ts';
import { ROOT } from '../src/paths.ts';
import { startTestApp } from './helpers/app.ts';
import { ChatClient } from './helpers/chat-client.ts';
import { ConsoleClient } from './helpers/console-client.ts';
import { REPORT_SCRIPT } from './helpers/report-script.ts';

const catalog = loadCatalog(join(ROOT, 'locales'));
const opening = (key: string) => catalog.format('en', key, Object.fromEntries(catalog.variables('en', key).map((v) => [v, '\n']))).split('\n')[0] ?? '';
const REFERENCE = /KHI-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const PASSWORD = 'first admin password';

/** `npm run admin:create` as a script runs it: flags, and the password on stdin. */
function adminCreate(vars: Record<string, string>, args: string[], password: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/admin-create.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...vars },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdin.end(`${password}\n`);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

test('the first admin comes from admin:create; questions reach named reporters at once and anonymous ones at their status check', async (t) => {
  const { url, app, vars } = await startTestApp(t);
  const created = await adminCreate(vars, ['--username', 'first-admin', '--name', 'First Admin', '--password-stdin'], PASSWORD);
  assert.equal(created.code, 0, created.output);
  assert.match(created.output, /created admin "first-admin"/);
  const short = await adminCreate(vars, ['--username', 'second', '--name', 'Second', '--password-stdin'], 'short');
  assert.equal(short.code, 1);
  assert.match(short.output, /^admin:create: the password must have at least 10 characters\n$/);

  const officer = new ConsoleClient(url);
  assert.equal(await officer.login('first-admin', PASSWORD), 200);

  // A named reporter gets the question in their chat, and their answer lands in the timeline.
  const named = new ChatClient(url, 'console-named-reporter');
  let receipt = '';
  for (const turn of REPORT_SCRIPT) receipt = (await named.say(turn)).text;
  const namedReference = REFERENCE.exec(receipt)?.[0] ?? '';
  const asked = await officer.request('POST', `/api/reports/${namedReference}/questions`, { question: 'What colour was the motorcycle?' });
  assert.deepEqual(asked.json, { notified: true });
  const question = await named.next();
  assert.match(question.text, new RegExp(opening('report-question-ask')));
  assert.match(question.text, /What colour was the motorcycle\?/);
  assert.match((await named.say({ text: 'Red, a Honda 125' })).text, new RegExp(opening('report-question-thanks')));

  // An anonymous reporter cannot be reached: the question and the new status wait for their status check.
  const anonymous = new ChatClient(url, 'console-anonymous-reporter');
  const turns = REPORT_SCRIPT.map((turn) => ('text' in turn && turn.text === 'no' ? { text: 'yes' } : turn));
  for (const turn of turns) receipt = (await anonymous.say(turn)).text;
  const reference = REFERENCE.exec(receipt)?.[0] ?? '';
  const pin = /^(\d{6})$/m.exec(receipt)?.[1] ?? '';
  assert.ok(reference && pin, receipt);
  assert.deepEqual((await officer.request('POST', `/api/reports/${reference}/status`, { status: 'in-review', note: 'We are checking the cameras.' })).json, { notified: false });
  assert.deepEqual((await officer.request('POST', `/api/reports/${reference}/questions`, { question: 'Did you see his face?' })).json, { notified: false });
  await anonymous.say({ text: 'menu' });
  await anonymous.say({ choice: 'status' });
  await anonymous.say({ text: reference });
  const shown = await anonymous.say({ text: pin });
  assert.match(shown.text, /We are checking the cameras\./);
  assert.match(shown.text, /Did you see his face\?/);
  assert.match((await anonymous.say({ text: 'No, he wore a helmet' })).text, new RegExp(opening('report-question-thanks')));

  const timeline = async (ref: string) =>
    ((await officer.request('GET', `/api/reports/${ref}`)).json as { events: { kind: string; note: string | null; actor: string }[] }).events.map((e) => [e.kind, e.actor, e.note]);
  assert.deepEqual((await timeline(namedReference)).slice(1), [
    ['question', 'first-admin', 'What colour was the motorcycle?'],
    ['answer', 'resident', 'Red, a Honda 125'],
  ]);
  assert.deepEqual((await timeline(reference)).slice(1), [
    ['status', 'first-admin', 'We are checking the cameras.'],
    ['question', 'first-admin', 'Did you see his face?'],
    ['answer', 'resident', 'No, he wore a helmet'],
  ]);
  // A later status check asks nothing more: the question was answered.
  await anonymous.say({ text: 'menu' });
  await anonymous.say({ choice: 'status' });
  await anonymous.say({ text: reference });
  assert.doesNotMatch((await anonymous.say({ text: pin })).text, /Did you see his face/);

  // The CSV of anonymous reports names nobody, and the database links no answer to its sender.
  const csv = (await officer.request('GET', '/api/reports.csv?anonymous=true')).text;
  assert.equal(csv.trim().split('\r\n').length, 2);
  const [row] = await app.db.query<{ resident_id: string | null }>('select resident_id from reports where reference = $1', [reference]);
  assert.equal(row?.resident_id, null);
});
