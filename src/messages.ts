import type { Input } from './engine/types.ts';
import type { RenderedMessage } from './i18n/render.ts';

export const PLATFORMS = ['web', 'telegram', 'whatsapp'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What a resident can send, whatever the platform. */
export type ResidentInput = Extract<Input, { kind: 'text' | 'choice' | 'location' | 'photo' | 'unsupported' | 'start' }>;

/** The most a resident may send: a photo's bytes, a text's characters. */
export interface InputLimits {
  maxBytes: number;
  maxChars: number;
}

/** One message from a resident, as every adapter produces it. */
export interface InboundMessage {
  /** Unique per platform message ("telegram-812345"): a redelivery carries the same id and is dropped. */
  id: string;
  platform: Platform;
  /** Where replies go (chat id, WhatsApp jid, web resident id). Never logged, stored only encrypted. */
  address: string;
  receivedAt: string;
  input: ResidentInput;
}

/** One message to a resident: text, and choices the channel shows as buttons or a numbered list. */
export type OutboundMessage = RenderedMessage;
