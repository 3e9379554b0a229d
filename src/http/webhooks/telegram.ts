import type { FastifyInstance } from 'fastify';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { WEBHOOK_PATH } from '../../channels/telegram/telegram.ts';
import { sameSecret } from '../secret.ts';

export interface TelegramWebhookOptions {
  bot: Bot;
  secret: string;
}

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * The parts of an update Mohalla reads, with their types; anything else Telegram sends is let through. An
 * update that says otherwise is refused before grammY or the receiver see it, instead of failing in them.
 */
const LOCATION = { type: 'object', required: ['latitude', 'longitude'], properties: { latitude: { type: 'number' }, longitude: { type: 'number' } } };
const FILE = { type: 'object', required: ['file_id'], properties: { file_id: { type: 'string' }, file_size: { type: 'integer' }, mime_type: { type: 'string' } } };
const MESSAGE = {
  type: 'object',
  required: ['message_id', 'chat'],
  properties: {
    message_id: { type: 'integer' },
    chat: { type: 'object', required: ['id', 'type'], properties: { id: { type: 'integer' }, type: { type: 'string' } } },
    from: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
    text: { type: 'string' },
    location: LOCATION,
    venue: { type: 'object', required: ['location'], properties: { location: LOCATION } },
    photo: { type: 'array', items: FILE },
    document: FILE,
  },
};
const UPDATE = {
  type: 'object',
  required: ['update_id'],
  properties: {
    update_id: { type: 'integer', minimum: 0 },
    message: MESSAGE,
    edited_message: MESSAGE,
    callback_query: {
      type: 'object',
      required: ['id', 'from'],
      properties: { id: { type: 'string' }, from: MESSAGE.properties.from, data: { type: 'string' }, message: MESSAGE },
    },
  },
};

/**
 * Telegram's webhook. The secret header is checked before anything else; a well-formed update is queued and
 * only then answered with 200, so an update that could not be queued (500) is sent again by Telegram.
 */
export async function telegramWebhookRoutes(app: FastifyInstance, options: TelegramWebhookOptions): Promise<void> {
  app.post<{ Body: Update }>(
    WEBHOOK_PATH,
    {
      bodyLimit: 1024 * 1024,
      attachValidation: true,
      schema: { body: UPDATE },
      onRequest: async (request, reply) => {
        if (!sameSecret(request.headers[SECRET_HEADER], options.secret)) {
          request.log.warn('telegram webhook call with a wrong or missing secret token');
          return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'secret token is wrong' });
        }
      },
    },
    async (request, reply) => {
      if (request.validationError) {
        request.log.warn({ reason: request.validationError.message }, 'malformed telegram update rejected');
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: request.validationError.message });
      }
      await options.bot.handleUpdate(request.body);
      return reply.code(200).send({});
    },
  );
}
