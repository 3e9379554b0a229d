import type { TestContext } from 'node:test';
import { type App, type Role, startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { testEnv } from './env.ts';

export interface TestApp {
  app: App;
  url: string;
  vars: Record<string, string>;
}

/** Starts the real program in this process (HTTP on a free loopback port, workers, relay) and stops it after the test. */
export async function startTestApp(t: TestContext, overrides: Record<string, string> = {}, role: Role = 'all'): Promise<TestApp> {
  const env = testEnv(overrides);
  const config = loadConfig(env.vars);
  const log = createLogger({ level: env.vars.LOG_LEVEL ?? 'silent', pretty: false });
  const app = await startApp(config, role, log);
  t.after(async () => {
    await app.stop();
    await env.cleanup();
  });
  return { app, url: app.url ?? '', vars: env.vars };
}
