/**
 * `npm test`: every tests/*.test.ts file through Node's own test runner, against the embedded database server;
 * then, when TEST_DATABASE_URL names a PostgreSQL database, the tests that touch a database again against it.
 * Node 20 neither expands globs nor finds .ts files in a folder, so the file list is made here.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => join(dir, f));
if (files.length === 0) {
  process.stderr.write('no test files found\n');
  process.exit(1);
}
// A test uses a database when it starts the program (helpers/app.ts, env.ts, telegram-app.ts…), unless it brings its own
// (the embedded server's tests, the outages with their private servers).
const OWN_DATABASE = ['embedded-database.test.ts', 'outages.test.ts'];
// Both runs use a real PostgreSQL; the second checks the SQL against another server and version through
// DATABASE_URL. These tests are about pages, killed processes, start-up lines and queue order, which do not
// depend on the server that answers: they run once, so that the suite stays within ten minutes.
const ONCE = ['console-page', 'console-alerts-page', 'web-page', 'whatsapp-failover', 'crash-recovery', 'broadcast-crash', 'floods', 'startup', 'secrets', 'ordering'].map(
  (name) => `${name}.test.ts`,
);
const unknown = ONCE.filter((name) => !readdirSync(dir).includes(name));
if (unknown.length > 0) {
  process.stderr.write(`tests/run.ts names test files that do not exist: ${unknown.join(', ')}\n`);
  process.exit(1);
}
const usesDatabase = files.filter(
  (f) =>
    /from '\.\/helpers\/(app|env|process|launch|telegram-app)\.ts'/.test(readFileSync(f, 'utf8')) &&
    ![...OWN_DATABASE, ...ONCE].some((name) => f.endsWith(`/${name}`)),
);

const runs = [{ backend: 'embedded', files, env: { TEST_DATABASE_URL: '' } }];
if (process.env.TEST_DATABASE_URL && usesDatabase.length > 0) runs.push({ backend: 'postgres', files: usesDatabase, env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL } });

let failed = false;
for (const run of runs) {
  process.stdout.write(`\n# database: ${run.backend} (${run.files.length} test files)\n`);
  // A test that hangs fails after five minutes instead of holding the whole run.
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-timeout=300000', ...run.files], {
    stdio: 'inherit',
    env: { ...process.env, ...run.env },
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
