import type { OutboundMessage, Platform } from '../messages.ts';

/** How a platform refused a message, which decides what the outbound worker does next. */
export type SendFailure =
  /** Try again later (network error, 5xx). */
  | 'retry'
  /** The platform asks us to slow down for `retryAfterMs`: the whole platform queue pauses. */
  | 'rate-limited'
  /** The resident blocked the bot or no longer exists: stop sending to them. */
  | 'unreachable'
  /** This message can never be sent (rejected as malformed): drop it, keep the error. */
  | 'rejected';

export class SendError extends Error {
  constructor(
    readonly failure: SendFailure,
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

/** The sending half of a platform adapter. Receiving is each adapter's own business: it hands messages to the inbox. */
export interface Channel {
  readonly platform: Platform;
  /** Longest text the platform takes in one message; longer ones are sent in pieces cut at line breaks. */
  readonly maxTextLength?: number;
  /**
   * Delivers one message. `key` identifies it across retries: a channel that can make a repeated send harmless
   * uses it; platforms that cannot (Telegram, WhatsApp) may deliver twice after a crash mid-send.
   */
  send(address: string, message: OutboundMessage, key: string): Promise<void>;
}
