import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Update } from 'grammy/types';
import sharp from 'sharp';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
}

interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export const FAKE_TOKEN = '123456789:AAFakeTokenForTestsOnly_abcdefghij';
export const BOT_USERNAME = 'mohalla_test_bot';

/** EXIF as a phone writes it: the camera, and where the photo was taken (Korangi). */
export const PHONE_EXIF = {
  IFD0: { Make: 'FakePhoneMaker', Model: 'FakePhone 12' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '24/1 49/1 58/1', GPSLongitudeRef: 'E', GPSLongitude: '67/1 8/1 12/1' },
};

/** A small photo as a phone sends it: a JPEG with the camera and a GPS position in its EXIF. */
export const JPEG = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a5230' } })
  .jpeg()
  .withExif(PHONE_EXIF)
  .toBuffer();

/**
 * A fake Telegram Bot API on loopback: it answers what the bot calls, records every call, serves updates to
 * getUpdates (honouring the offset like Telegram) and files to downloads, and fails calls on demand.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly app: FastifyInstance = Fastify();
  private readonly pending: Update[] = [];
  private readonly files = new Map<string, Buffer>();
  private readonly failures = new Map<string, ApiFailure[]>();
  private readonly events = new EventEmitter();
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  url = '';

  async start(): Promise<string> {
    this.app.post<{ Params: { token: string; method: string }; Body: Record<string, unknown> }>('/bot:token/:method', async (request, reply) => {
      const { method } = request.params;
      const payload = request.body ?? {};
      if (request.params.token !== FAKE_TOKEN) return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
      this.calls.push({ method, payload, at: Date.now() });
      this.events.emit('call');
      const failure = this.failures.get(method)?.shift();
      if (failure) return reply.code(failure.error_code).send({ ok: false, ...failure });
      return { ok: true, result: await this.answer(method, payload) };
    });
    this.app.get<{ Params: { token: string; '*': string } }>('/file/bot:token/*', async (request, reply) => {
      const file = this.files.get(request.params['*']);
      if (!file || request.params.token !== FAKE_TOKEN) return reply.code(404).send('not found');
      return reply.type('image/jpeg').send(file);
    });
    this.url = (await this.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    return this.url;
  }

  async stop(): Promise<void> {
    this.events.emit('update');
    await this.app.close();
  }

  private async answer(method: string, payload: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return { id: 42, is_bot: true, first_name: 'Mohalla', username: BOT_USERNAME, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'getUpdates':
        return this.getUpdates(Number(payload.offset ?? 0), Number(payload.timeout ?? 0), Number(payload.limit ?? 100));
      case 'sendMessage':
        return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: 'private' }, text: payload.text };
      case 'getFile': {
        const fileId = String(payload.file_id);
        return { file_id: fileId, file_unique_id: fileId, file_size: this.files.get(`photos/${fileId}.jpg`)?.length, file_path: `photos/${fileId}.jpg` };
      }
      default:
        return true;
    }
  }

  /** Like Telegram: an offset confirms every update before it; the rest wait for up to `timeout` seconds. */
  private async getUpdates(offset: number, timeout: number, limit: number): Promise<Update[]> {
    if (offset > 0) {
      while (this.pending.length > 0 && (this.pending[0]?.update_id ?? 0) < offset) this.pending.shift();
    }
    if (this.pending.length === 0 && timeout > 0) await this.event('update', Math.min(timeout, 5) * 1000);
    return this.pending.slice(0, limit);
  }

  /** Resolves on the next `name` event, or after `ms`, leaving no listener behind. */
  private async event(name: string, ms: number): Promise<void> {
    let listener = () => {};
    const happened = new Promise<void>((resolve) => {
      listener = resolve;
      this.events.once(name, listener);
    });
    await Promise.race([happened, sleep(ms)]);
    this.events.removeListener(name, listener);
  }

  /** Queues an update for getUpdates and returns it (with its id) for webhook tests. */
  push(update: Omit<Update, 'update_id'>): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.pending.push(full);
    this.events.emit('update');
    return full;
  }

  addFile(fileId: string, bytes: Buffer): void {
    this.files.set(`photos/${fileId}.jpg`, bytes);
  }

  /** The next `times` calls of `method` fail with this error. */
  fail(method: string, failure: ApiFailure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  sent(chatId?: number): ApiCall[] {
    return this.calls.filter((c) => c.method === 'sendMessage' && (chatId === undefined || Number(c.payload.chat_id) === chatId));
  }

  /** Waits until a call matching `predicate` has been recorded (counting calls already recorded). */
  async waitFor(predicate: (calls: ApiCall[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`fake Telegram: condition not met within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await this.event('call', 100);
    }
  }

  /**
   * One chat's replies, read in order: `next()` waits for the reply after the last one read, `say(update)`
   * sends an update and returns the reply it brings.
   */
  replies(chatId: number): { next(): Promise<string>; say(update: Omit<Update, 'update_id'>): Promise<string> } {
    let seen = 0;
    const next = async () => {
      await this.waitFor(() => this.sent(chatId).length > seen);
      return String((this.sent(chatId)[seen++] as ApiCall).payload.text);
    };
    return {
      next,
      say: (update) => {
        this.push(update);
        return next();
      },
    };
  }
}

/** Building blocks of updates from a private chat with one resident. */
export function privateChat(chatId: number) {
  const chat = { id: chatId, type: 'private' as const, first_name: 'Test' };
  const from = { id: chatId, is_bot: false, first_name: 'Test' };
  let messageId = 1;
  const base = () => ({ message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, from });
  return {
    text: (text: string) => ({ message: { ...base(), text } }),
    command: (text: string) => ({ message: { ...base(), text, entities: [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]?.length ?? 0 }] } }),
    press: (data: string) => ({ callback_query: { id: `cb-${chatId}-${messageId++}`, from, chat_instance: 'ci', data, message: { ...base(), text: 'q' } } }),
    location: (latitude: number, longitude: number) => ({ message: { ...base(), location: { latitude, longitude } } }),
    photo: (fileId: string, size: number) => ({
      message: {
        ...base(),
        photo: [
          { file_id: `${fileId}-small`, file_unique_id: `${fileId}-s`, width: 90, height: 90, file_size: 100 },
          { file_id: fileId, file_unique_id: fileId, width: 1280, height: 960, file_size: size },
        ],
      },
    }),
    sticker: () => ({ message: { ...base(), sticker: { file_id: 'st', file_unique_id: 'st', type: 'regular' as const, width: 1, height: 1, is_animated: false, is_video: false } } }),
    edited: (text: string) => ({ edited_message: { ...base(), text, edit_date: Math.floor(Date.now() / 1000) } }),
  };
}
