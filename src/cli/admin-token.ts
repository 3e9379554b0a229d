/**
 * `npm run admin:token`: prints the token the admin routes (/admin/…) ask for: ADMIN_TOKEN when set, else the
 * one derived from SECRET_KEY. Use it as a bearer token, or as the password when a browser asks.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { createSecrets, loadMasterKey } from '../secrets.ts';

function fail(message: string): never {
  process.stderr.write(`admin:token: ${message}\n`);
  process.exit(1);
}

try {
  const config = loadConfig();
  if (config.ADMIN_TOKEN) {
    process.stdout.write('ADMIN_TOKEN is set: the admin token is its value.\n');
  } else {
    const file = join(config.DATA_DIR, 'secret.key');
    if (!config.SECRET_KEY && !existsSync(file)) fail(`no secret key yet: start Mohalla once (it creates ${file}) or set SECRET_KEY`);
    process.stdout.write(`${createSecrets(loadMasterKey(config.SECRET_KEY, file).key).token('admin')}\n`);
  }
} catch (error) {
  fail((error as Error).message);
}
