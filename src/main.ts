import { parseArgs } from 'node:util';
import { type App, ROLES, type Role, startApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { createLogger } from './log.ts';

/** Start-up problems are one plain line on stderr: the log may be asynchronous and lose its last words. */
function fail(message: string): never {
  process.stderr.write(`mohalla: ${message}\n`);
  process.exit(1);
}

function parseRole(): Role {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } }, strict: true });
  const role = ROLES.find((r) => r === values.role);
  if (!role) fail(`--role must be one of ${ROLES.join(', ')} (got "${values.role}")`);
  return role;
}

async function main(): Promise<void> {
  let role: Role;
  let config: Config;
  try {
    role = parseRole();
    config = loadConfig();
  } catch (error) {
    fail((error as Error).message);
  }
  const pretty = config.LOG_FORMAT ? config.LOG_FORMAT === 'pretty' : config.NODE_ENV !== 'production' && process.stdout.isTTY === true;
  const log = createLogger({ level: config.LOG_LEVEL, pretty });

  let app: App;
  try {
    app = await startApp(config, role, log);
  } catch (error) {
    fail((error as Error).message);
  }
  if (app.url && config.WEB_CHAT) log.info(`web chat: ${app.url}/chat/`);
  log.info({ role }, 'mohalla started');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping: finishing active work');
    app.stop().then(
      () => {
        log.info('stopped');
        log.flush();
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

await main();
