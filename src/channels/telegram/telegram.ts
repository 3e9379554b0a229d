import { sequentialize } from '@grammyjs/runner';
import { Api, Bot, GrammyError } from 'grammy';
import { LANGUAGES, type Lang } from '../../engine/types.ts';
import type { Catalog } from '../../i18n/catalog.ts';
import type { Logger } from '../../log.ts';
import { ALLOWED_UPDATES, type Polling, startPolling } from './polling.ts';
import { createReceiver, type ReceiverOptions } from './receiver.ts';

export const WEBHOOK_PATH = '/webhooks/telegram';
const COMMANDS = ['start', 'menu', 'help', 'language', 'stop'] as const;

export interface TelegramOptions extends Omit<ReceiverOptions, 'api' | 'botUsername'> {
  mode: 'polling' | 'webhook';
  /** Where Telegram can reach this server; with it, webhook mode registers the webhook at start. */
  publicUrl: string | undefined;
  webhookSecret: string;
  catalog: Catalog;
}

export interface TelegramInbound {
  bot: Bot;
  /** Starts receiving: registers the webhook (call once the server listens) or starts polling. */
  listen(): Promise<void>;
  stop(): Promise<void>;
}

export class TelegramStartError extends Error {}

/** The command menu Telegram shows, in each resident's app language; Urdu where Telegram has no match. */
async function describeCommands(bot: Bot, catalog: Catalog, log: Logger): Promise<void> {
  const commands = (lang: Lang) => COMMANDS.map((command) => ({ command, description: catalog.format(lang, `telegram-command-${command}`) }));
  try {
    await bot.api.setMyCommands(commands('ur'));
    for (const lang of LANGUAGES) await bot.api.setMyCommands(commands(lang), { language_code: lang });
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'telegram: command menu not set');
  }
}

/** The Bot API client alone, for sending (worker processes need no more). */
export function telegramApi(token: string, apiRoot: string): Api {
  return new Api(token, { apiRoot });
}

/** The bot, once Telegram confirmed its token (getMe): a wrong token stops the start before anything runs. */
export async function connectBot(token: string, apiRoot: string): Promise<Bot> {
  const bot = new Bot(token, { client: { apiRoot } });
  try {
    await bot.init();
  } catch (error) {
    const reason = error instanceof GrammyError ? `${error.error_code} ${error.description}` : (error as Error).message;
    throw new TelegramStartError(`Telegram did not accept TELEGRAM_BOT_TOKEN at ${apiRoot} (${reason})`);
  }
  return bot;
}

/**
 * Receives from Telegram: either registers the webhook (served by http/webhooks/telegram.ts) or polls. Every
 * update only goes to the inbox; replies leave through the outbound queue.
 */
export function startTelegramInbound(bot: Bot, options: TelegramOptions): TelegramInbound {
  const { log } = options;
  const receive = createReceiver({ ...options, api: bot.api, botUsername: bot.botInfo.username });
  // Updates of one chat are queued in the order they came, even when polling handles a batch concurrently.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use((ctx) => receive(ctx.update));

  let polling: Polling | null = null;
  return {
    bot,
    async listen() {
      await describeCommands(bot, options.catalog, log);
      if (options.mode === 'polling') {
        // getUpdates is refused while a webhook is set.
        await bot.api.deleteWebhook();
        polling = startPolling(bot, options.redis, options.prefix, log);
      } else if (options.publicUrl) {
        await bot.api.setWebhook(`${options.publicUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`, {
          secret_token: options.webhookSecret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        log.info({ bot: bot.botInfo.username }, 'telegram: webhook registered');
      } else {
        log.info({ bot: bot.botInfo.username }, `telegram: expecting webhook calls at ${WEBHOOK_PATH} (no PUBLIC_URL, so not registered)`);
      }
    },
    async stop() {
      await polling?.stop();
    },
  };
}
