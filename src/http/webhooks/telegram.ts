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
 * Telegram's webhook. The secret header is checked before anything else; a well-formed update is queued and
 * only then answered with 200, so an update that could not be queued (500) is sent again by Telegram.
 */
export async function telegramWebhookRoutes(app: FastifyInstance, options: TelegramWebhookOptions): Promise<void> {
  app.post<{ Body: Update }>(
    WEBHOOK_PATH,
    {
      bodyLimit: 1024 * 1024,
      attachValidation: true,
      schema: { body: { type: 'object', required: ['update_id'], properties: { update_id: { type: 'integer', minimum: 0 } } } },
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
