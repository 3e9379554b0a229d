import { getContentType, isJidGroup, isLidUser, isPnUser, normalizeMessageContent, proto, toNumber, type WAMessage } from '@whiskeysockets/baileys';
import type { InputLimits, ResidentInput } from '../../messages.ts';
import { textInput } from '../text-input.ts';

/** What one message of a `messages.upsert` means for Mohalla, decided without any I/O. */
export type Incoming =
  /** Something a resident said in a one-to-one chat. */
  | { kind: 'input'; input: ResidentInput }
  /** A photo to download (declared within the size limit) before it goes to the inbox. */
  | { kind: 'photo' }
  /** Someone wrote in a group: residents must talk to the bot privately. */
  | { kind: 'group'; groupJid: string }
  /** Nothing for us: our own messages, status updates, newsletters, reactions, receipts of decryption… */
  | { kind: 'ignored' };

/** Housekeeping that travels as messages and needs no answer. */
const SILENT: (keyof proto.IMessage)[] = [
  'reactionMessage',
  'encReactionMessage',
  'pollUpdateMessage',
  'keepInChatMessage',
  'pinInChatMessage',
  'senderKeyDistributionMessage',
];

function inputOf(content: proto.IMessage, { maxBytes, maxChars }: InputLimits): Incoming {
  if (!getContentType(content)) return { kind: 'ignored' };
  const protocol = content.protocolMessage;
  if (protocol) {
    return protocol.type === proto.Message.ProtocolMessage.Type.MESSAGE_EDIT
      ? { kind: 'input', input: { kind: 'unsupported', reason: 'edited' } }
      : { kind: 'ignored' };
  }
  // Plain text, or "extended" text: a reply quoting an earlier message, a link, a forwarded text.
  const text = [content.conversation, content.extendedTextMessage?.text].find((t) => typeof t === 'string' && t.trim() !== '');
  if (text) return { kind: 'input', input: textInput(text, maxChars) };
  const location = content.locationMessage ?? content.liveLocationMessage;
  const lat = location?.degreesLatitude;
  const lng = location?.degreesLongitude;
  if (typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)) {
    return { kind: 'input', input: { kind: 'location', lat, lng } };
  }
  const image = content.imageMessage ?? (content.documentMessage?.mimetype?.startsWith('image/') ? content.documentMessage : null);
  if (image) {
    return toNumber(image.fileLength ?? 0) > maxBytes ? { kind: 'input', input: { kind: 'unsupported', reason: 'too-large' } } : { kind: 'photo' };
  }
  if (SILENT.some((key) => content[key])) return { kind: 'ignored' };
  return { kind: 'input', input: { kind: 'unsupported' } };
}

/**
 * Reads one upserted message. Live messages come as `notify`, those queued while we were offline as `append`:
 * both are read alike, and our own sends (also `append`) are skipped. A message that failed to decrypt has no
 * content (a stub): it is skipped, and its retry, if it comes, carries the same key id.
 */
export function readMessage(message: WAMessage, limits: InputLimits): Incoming {
  const { key } = message;
  const chat = key.remoteJid ?? '';
  if (!key.id || key.fromMe) return { kind: 'ignored' };
  const content = normalizeMessageContent(message.message);
  if (!content) return { kind: 'ignored' };
  if (isJidGroup(chat)) return inputOf(content, limits).kind === 'ignored' ? { kind: 'ignored' } : { kind: 'group', groupJid: chat };
  // One-to-one chats only: status broadcasts, broadcast lists, newsletters and bots are not residents.
  if (!isLidUser(chat) && !isPnUser(chat)) return { kind: 'ignored' };
  return inputOf(content, limits);
}
