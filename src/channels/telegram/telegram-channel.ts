import { type Api, GrammyError, HttpError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { OutboundMessage } from '../../messages.ts';
import { type Channel, SendError } from '../channel.ts';
import { CALLBACK_PREFIX } from './updates.ts';

/** Telegram's limit on the text of one message. */
export const TELEGRAM_MAX_TEXT = 4096;

/** Choices become one button per row, numbered, so typing the number works as well as pressing. */
function keyboard(message: OutboundMessage): InlineKeyboardMarkup | undefined {
  if (!message.choices?.length) return undefined;
  return { inline_keyboard: message.choices.map((c, i) => [{ text: `${i + 1}. ${c.label}`, callback_data: `${CALLBACK_PREFIX}${c.id}` }]) };
}

/** What Telegram's answer means for the outbound worker. */
export function toSendError(error: unknown): unknown {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return new SendError('rate-limited', error.description, (error.parameters.retry_after ?? 1) * 1000);
    // 403: the resident blocked the bot or deleted their account; 400 "chat not found": the chat is gone.
    if (error.error_code === 403 || (error.error_code === 400 && /chat not found|user is deactivated/i.test(error.description))) {
      return new SendError('unreachable', `${error.error_code}: ${error.description}`);
    }
    if (error.error_code >= 500) return new SendError('retry', `${error.error_code}: ${error.description}`);
    return new SendError('rejected', `${error.error_code}: ${error.description}`);
  }
  if (error instanceof HttpError) return new SendError('retry', error.message);
  return error;
}

export function createTelegramChannel(api: Api): Channel {
  return {
    platform: 'telegram',
    maxTextLength: TELEGRAM_MAX_TEXT,
    async send(address, message) {
      const reply_markup = keyboard(message);
      try {
        await api.sendMessage(address, message.text, { link_preview_options: { is_disabled: true }, ...(reply_markup ? { reply_markup } : {}) });
      } catch (error) {
        throw toSendError(error);
      }
    },
  };
}
