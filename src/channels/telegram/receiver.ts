import type { Api } from 'grammy';
import { GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Redis } from 'ioredis';
import type { Renderer } from '../../i18n/render.ts';
import type { Logger } from '../../log.ts';
import type { ResidentInput } from '../../messages.ts';
import type { Inbox } from '../../pipeline/inbox.ts';
import type { Db } from '../../store/db.ts';
import { MediaError, readLimited, saveMedia } from '../../store/media.ts';
import { translateUpdate } from './updates.ts';

export interface ReceiverOptions {
  api: Api;
  token: string;
  apiRoot: string;
  botUsername: string;
  inbox: Inbox;
  db: Db;
  dataDir: string;
  maxMediaBytes: number;
  /** Longer texts are explained to the resident instead of taken. */
  maxMessageChars: number;
  redis: Redis;
  prefix: string;
  renderer: Renderer;
  log: Logger;
}

/** Handles one update; resolves once what it carries is safely queued, so the platform may be told it arrived. */
export type Receive = (update: Update) => Promise<void>;

/**
 * Turns Telegram updates into inbox messages: photos are downloaded into the media store first, button presses
 * are acknowledged (so the button stops spinning), and a group gets one message pointing to a private chat.
 */
export function createReceiver(options: ReceiverOptions): Receive {
  const { api, log } = options;

  async function downloadPhoto(fileId: string): Promise<ResidentInput> {
    try {
      const file = await api.getFile(fileId);
      if (!file.file_path) return { kind: 'unsupported', reason: 'too-large' };
      // The URL holds the bot token: it is never logged.
      const response = await fetch(`${options.apiRoot}/file/bot${options.token}/${file.file_path}`);
      if (!response.ok) throw new Error(`file download answered HTTP ${response.status}`);
      const bytes = await readLimited(response.body ?? [], options.maxMediaBytes);
      return { kind: 'photo', media: await saveMedia(options.db, options.dataDir, bytes, options.maxMediaBytes) };
    } catch (error) {
      if (error instanceof MediaError) return { kind: 'unsupported', reason: error.reason };
      if (error instanceof GrammyError && /too big/i.test(error.description)) return { kind: 'unsupported', reason: 'too-large' };
      log.warn({ err: (error as Error).message }, 'telegram photo could not be downloaded');
      return { kind: 'unsupported', reason: 'media-failed' };
    }
  }

  async function pointToPrivateChat(chatId: string): Promise<void> {
    // Once per group: a bot that answered every group message would be noise.
    if ((await options.redis.sadd(`${options.prefix}:telegram:groups-told`, chatId)) === 0) return;
    const message = options.renderer.render([{ key: 'telegram-group-notice', lang: null, args: { link: `https://t.me/${options.botUsername}` } }]);
    if (message) await api.sendMessage(chatId, message.text).catch((e: Error) => log.warn({ err: e.message }, 'group notice not sent'));
  }

  return async (update) => {
    const received = translateUpdate(update, { maxBytes: options.maxMediaBytes, maxChars: options.maxMessageChars });
    if (received.kind === 'ignored') return;
    if (received.kind === 'group') await pointToPrivateChat(received.chatId);
    else {
      const input = received.kind === 'photo' ? await downloadPhoto(received.fileId) : received.input;
      await options.inbox.accept({
        id: `telegram-${update.update_id}`,
        platform: 'telegram',
        address: received.chatId,
        receivedAt: new Date().toISOString(),
        input,
      });
    }
    if ('callbackId' in received && received.callbackId) {
      await api.answerCallbackQuery(received.callbackId).catch((e: Error) => log.warn({ err: e.message }, 'callback query not answered'));
    }
  };
}
