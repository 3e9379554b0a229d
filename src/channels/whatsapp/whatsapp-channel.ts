import type { OutboundMessage } from '../../messages.ts';
import type { Db } from '../../store/db.ts';
import { recordSent } from '../../store/whatsapp-receipts.ts';
import { type Channel, SendError } from '../channel.ts';
import { scrub } from './client-logger.ts';
import type { Pacer } from './pacer.ts';
import type { WhatsAppSocket } from './socket.ts';

/** WhatsApp takes texts of up to 65,536 characters; the rest is room for the numbered choices. */
export const WHATSAPP_MAX_TEXT = 60_000;
/** How long the queue waits before trying again while the number is not connected. */
const OFFLINE_WAIT_MS = 5000;

/** Choices as a numbered list under the text: buttons and lists cannot be sent from a linked device. */
export function withNumberedChoices(message: OutboundMessage): string {
  if (!message.choices?.length) return message.text;
  return `${message.text}\n\n${message.choices.map((choice, i) => `${i + 1}. ${choice.label}`).join('\n')}`;
}

/**
 * The WhatsApp channel's sending half. It sends through whatever socket is open in this process, at the
 * pacer's rhythm, and keeps the id WhatsApp gave each message so delivery and read receipts can be counted.
 */
export function createWhatsAppChannel(openSocket: () => WhatsAppSocket | null, pacer: Pacer, db: Db): Channel {
  return {
    platform: 'whatsapp',
    maxTextLength: WHATSAPP_MAX_TEXT,
    async send(address, message, key) {
      // Not connected (linking, reconnecting): the whole queue waits, without using up attempts.
      if (!openSocket()) throw new SendError('rate-limited', 'whatsapp is not connected', OFFLINE_WAIT_MS);
      await pacer.turn(address);
      let sent: Awaited<ReturnType<WhatsAppSocket['sendMessage']>>;
      try {
        const socket = openSocket();
        if (!socket) throw new SendError('rate-limited', 'whatsapp is not connected', OFFLINE_WAIT_MS);
        sent = await socket.sendMessage(address, { text: withNumberedChoices(message) });
      } catch (error) {
        if (error instanceof SendError) throw error;
        // The socket closed under the send, or WhatsApp did not answer: retried with backoff.
        throw new SendError('retry', scrub((error as Error).message));
      } finally {
        await pacer.sent(address);
      }
      if (sent?.key.id) await recordSent(db, sent.key.id, key);
    },
  };
}
