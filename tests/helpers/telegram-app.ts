import type { TestContext } from 'node:test';
import type { App } from '../../src/app.ts';
import { testEnv } from './env.ts';
import { FAKE_TOKEN, FakeTelegram } from './fake-telegram.ts';
import { launcher } from './launch.ts';

export interface TelegramSetup {
  fake: FakeTelegram;
  app: App;
  vars: Record<string, string>;
  /** Everything the program logged, as JSON lines. */
  logs(): string;
  /** Starts another instance with the same settings (a restart). */
  restart(): Promise<App>;
}

/** The real program with Telegram pointed at a fake Bot API on loopback, polling, replies 50 ms apart per chat. */
export async function startOnFakeTelegram(t: TestContext, overrides: Record<string, string> = {}, logLevel = 'info'): Promise<TelegramSetup> {
  const fake = new FakeTelegram();
  const apiRoot = await fake.start();
  const env = testEnv({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_MODE: 'polling',
    TELEGRAM_CHAT_INTERVAL_MS: '50',
    WEB_CHAT: 'false',
    ...overrides,
  });
  const { launch, logs } = launcher(t, env.vars, logLevel, async () => {
    await fake.stop();
    await env.cleanup();
  });
  return { fake, app: await launch(), vars: env.vars, restart: launch, logs };
}
