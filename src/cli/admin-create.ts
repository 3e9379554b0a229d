/**
 * `npm run admin:create`: creates a console account, the first admin above all. On a terminal it asks for what
 * the flags do not give; scripts pass `--username`, `--name`, and the password with `--password` or on stdin
 * (`--password-stdin`, or whenever stdin is not a terminal). `--role officer|liaison --areas korangi,malir` make
 * other accounts, though admins usually do that in the console.
 */
import { createInterface } from 'node:readline/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadContent } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { ROLES, type OfficerRole } from '../officers/access.ts';
import { createAccount } from '../officers/accounts.ts';
import { createSecrets, loadMasterKey } from '../secrets.ts';
import { audit } from '../store/audit.ts';
import { openDatabase } from '../store/open.ts';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    role: { type: 'string', default: 'admin' },
    areas: { type: 'string', default: '' },
  },
});
const role = ROLES.find((r) => r === values.role) as OfficerRole | undefined;
if (!role) fail(`--role must be one of ${ROLES.join(', ')}`);

const interactive = process.stdin.isTTY === true && !values['password-stdin'];

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/** Asks on the terminal; with `hidden` the typed characters are not shown. */
async function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(question);
  muted = hidden;
  const text = await answer;
  rl.close();
  if (hidden) process.stdout.write('\n');
  return text.trim() === '' && !hidden ? ask(question, hidden) : text;
}

async function gather(): Promise<{ username: string; name: string; password: string }> {
  if (!interactive) {
    if (!values.username || !values.name) fail('--username and --name are needed when not run on a terminal');
    const password = values.password ?? (await readStdin());
    return { username: values.username, name: values.name, password };
  }
  const username = values.username ?? (await ask('User name (a-z, 0-9, . _ -): '));
  const name = values.name ?? (await ask('Full name: '));
  let password = values.password;
  while (!password) {
    const first = await ask('Password (at least 10 characters): ', true);
    const again = await ask('Password again: ', true);
    if (first === again) password = first;
    else process.stdout.write('The two passwords differ; try again.\n');
  }
  return { username, name, password };
}

try {
  const answers = await gather();
  const config = loadConfig();
  const { flows } = loadContent();
  const secrets = createSecrets(loadMasterKey(config.SECRET_KEY, join(config.DATA_DIR, 'secret.key')).key);
  const database = await openDatabase(config, secrets, createLogger({ level: 'warn', pretty: false }));
  try {
    const areas = values.areas.split(',').map((a) => a.trim()).filter(Boolean);
    const account = await createAccount(database.db, flows.areas, { ...answers, role, areas });
    await audit(database.db, null, 'account.create', account.username, { role: account.role, areas: account.areas, by: 'admin:create' });
    process.stdout.write(`created ${account.role} "${account.username}"; log in at /console/\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  fail((error as Error).message);
}
