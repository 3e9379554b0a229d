import type { Message, Update } from 'grammy/types';
import type { InputLimits, ResidentInput } from '../../messages.ts';
import { textInput } from '../text-input.ts';

/** What one Telegram update means for Mohalla, decided without any I/O. */
export type Received =
  /** Something a resident said, ready for the inbox; `callbackId` is a button press to acknowledge. */
  | { kind: 'input'; chatId: string; input: ResidentInput; callbackId?: string }
  /** A photo to download (the largest size that fits the limit) before it goes to the inbox. */
  | { kind: 'photo'; chatId: string; fileId: string }
  /** Someone wrote in a group: residents must talk to the bot privately. */
  | { kind: 'group'; chatId: string; callbackId?: string }
  /** Nothing for us: channel posts, member changes, polls… */
  | { kind: 'ignored' };

/** Bot commands and the keywords they stand for (see data/keywords.yaml). */
const COMMANDS: Record<string, string> = { menu: 'menu', help: 'help', language: 'language', stop: 'stop' };

/** Buttons carry `c:<choice id>`, so a press can be told from other callback data. */
export const CALLBACK_PREFIX = 'c:';

function fromMessage(message: Message, { maxBytes, maxChars }: InputLimits): ResidentInput | { photo: string } {
  if (message.text !== undefined) {
    const command = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$/s.exec(message.text.trim());
    if (command) {
      const name = (command[1] ?? '').toLowerCase();
      if (name === 'start') return { kind: 'start', payload: (command[2] ?? '').trim() };
      const keyword = COMMANDS[name];
      if (keyword) return { kind: 'text', text: keyword };
    }
    return textInput(message.text, maxChars);
  }
  const location = message.location ?? message.venue?.location;
  if (location) return { kind: 'location', lat: location.latitude, lng: location.longitude };
  if (message.photo && message.photo.length > 0) {
    // Sizes come smallest first; a size without file_size is taken to fit (Telegram omits it for small files).
    const fitting = message.photo.filter((size) => (size.file_size ?? 0) <= maxBytes);
    const largest = fitting.at(-1);
    return largest ? { photo: largest.file_id } : { kind: 'unsupported', reason: 'too-large' };
  }
  const document = message.document;
  if (document?.mime_type?.startsWith('image/')) {
    return (document.file_size ?? 0) <= maxBytes ? { photo: document.file_id } : { kind: 'unsupported', reason: 'too-large' };
  }
  return { kind: 'unsupported' };
}

export function translateUpdate(update: Update, limits: InputLimits): Received {
  if (update.message) {
    const { message } = update;
    const chatId = String(message.chat.id);
    if (message.chat.type !== 'private') return { kind: 'group', chatId };
    const input = fromMessage(message, limits);
    return 'photo' in input ? { kind: 'photo', chatId, fileId: input.photo } : { kind: 'input', chatId, input };
  }
  if (update.edited_message) {
    const chatId = String(update.edited_message.chat.id);
    if (update.edited_message.chat.type !== 'private') return { kind: 'ignored' };
    return { kind: 'input', chatId, input: { kind: 'unsupported', reason: 'edited' } };
  }
  if (update.callback_query) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    if (chat && chat.type !== 'private') return { kind: 'group', chatId: String(chat.id), callbackId: query.id };
    const chatId = String(chat?.id ?? query.from.id);
    const data = query.data ?? '';
    const input: ResidentInput = data.startsWith(CALLBACK_PREFIX) ? { kind: 'choice', id: data.slice(CALLBACK_PREFIX.length) } : { kind: 'unsupported' };
    return { kind: 'input', chatId, input, callbackId: query.id };
  }
  return { kind: 'ignored' };
}
