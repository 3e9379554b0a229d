import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../src/paths.ts';
import { createSecrets, loadMasterKey } from '../src/secrets.ts';
import { testEnv } from './helpers/env.ts';
import { spawnApp } from './helpers/process.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'mohalla-secrets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('decryption takes only a whole 16-byte tag: a shortened one, or a value too short to hold it, is refused', () => {
  const secrets = createSecrets(Buffer.alloc(32, 1));
  assert.equal(secrets.decrypt(secrets.encrypt('923001234567')), '923001234567');
  const raw = Buffer.from(secrets.encrypt(''), 'base64url');
  // GCM checks a tag of any length from 4 bytes unless told its length: the first 4 bytes of the real tag pass.
  for (const tagBytes of [4, 8, 12, 15]) {
    assert.throws(() => secrets.decrypt(raw.subarray(0, 12 + tagBytes).toString('base64url')), /too short/, `a ${tagBytes}-byte tag`);
  }
  assert.throws(() => secrets.decrypt(''), /too short/);
  const tampered = Buffer.from(raw);
  tampered[20] = (tampered[20] ?? 0) ^ 1;
  assert.throws(() => secrets.decrypt(tampered.toString('base64url')));
});

test('a key file that does not hold 32 bytes stops the start with one line', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'secret.key');
  for (const content of ['', Buffer.alloc(16, 3).toString('base64'), Buffer.alloc(33, 3).toString('base64'), 'not a key at all']) {
    writeFileSync(file, `${content}\n`);
    assert.throws(() => loadMasterKey(undefined, file), /secret\.key holds \d+ bytes where a key has 32: restore it from a backup, or set SECRET_KEY/, JSON.stringify(content));
  }
  writeFileSync(file, `${Buffer.alloc(32, 3).toString('hex')}\n`);
  assert.deepEqual(loadMasterKey(undefined, file).key, Buffer.alloc(32, 3), 'hex is read as SECRET_KEY reads it');

  const env = testEnv({ SECRET_KEY: '' });
  t.after(() => env.cleanup());
  writeFileSync(join(env.vars.DATA_DIR ?? '', 'secret.key'), `${Buffer.alloc(16, 3).toString('base64')}\n`);
  const app = spawnApp(env.vars);
  assert.notEqual(await app.exited, 0);
  assert.match(app.output().trim(), /^mohalla: \S+\/secret\.key holds 16 bytes where a key has 32: restore it from a backup, or set SECRET_KEY[^\n]*$/);
});

/** Runs loadMasterKey in `count` processes that all wait for the same moment, and returns the key each got. */
async function raceForKey(file: string, count: number): Promise<string[]> {
  const at = Date.now() + 1500;
  const code = `
    const { loadMasterKey } = await import(${JSON.stringify(join(ROOT, 'src/secrets.ts'))});
    while (Date.now() < ${at});
    process.stdout.write(loadMasterKey(undefined, ${JSON.stringify(file)}).key.toString('base64'));`;
  const runs = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    return new Promise<string>((resolve) => child.on('exit', () => resolve(output)));
  });
  return Promise.all(runs);
}

test('processes that start at once with no key file all end with the one key written', async (t) => {
  for (let round = 0; round < 3; round++) {
    const dir = tempDir(t);
    const file = join(dir, 'secret.key');
    const keys = await raceForKey(file, 6);
    const written = readFileSync(file, 'utf8').trim();
    assert.equal(Buffer.from(written, 'base64').length, 32);
    assert.deepEqual(keys, keys.map(() => written), `round ${round}`);
    assert.deepEqual(readdirSync(dir), ['secret.key'], 'no temporary file is left behind');
  }
});
