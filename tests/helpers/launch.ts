import { Writable } from 'node:stream';
import type { TestContext } from 'node:test';
import { type App, type AppOptions, startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

export interface Launcher {
  /** Starts the real program in this process; call again for a restart with the same settings. */
  launch(): Promise<App>;
  /** Everything every instance logged, as JSON lines. */
  logs(): string;
}

/**
 * Runs the program with `vars`, logging into memory at `level`. After the test every instance is stopped,
 * newest first, and then `cleanup` runs (fakes, the test's database schema and Redis keys).
 */
export function launcher(t: TestContext, vars: Record<string, string>, level: string, cleanup: () => Promise<void>, options: AppOptions = {}): Launcher {
  const apps: App[] = [];
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t.after(async () => {
    for (const app of apps.reverse()) await app.stop().catch(() => {});
    await cleanup();
  });
  return {
    async launch() {
      const app = await startApp(loadConfig(vars), 'all', createLogger({ level, pretty: false }, sink), options);
      apps.push(app);
      return app;
    },
    logs: () => lines.join(''),
  };
}
