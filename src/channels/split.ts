import type { OutboundMessage } from '../messages.ts';

/** The end of a cut that does not fall inside a surrogate pair (an emoji split in two shows as garbage). */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Cuts a text into pieces of at most `max` characters, at line breaks where possible, else at spaces. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  for (let line of text.split('\n')) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current) parts.push(current);
    while (line.length > max) {
      const space = line.lastIndexOf(' ', max);
      const cut = safeCut(line, space > max / 2 ? space : max);
      parts.push(line.slice(0, cut));
      line = line.slice(cut).trimStart();
    }
    current = line;
  }
  if (current) parts.push(current);
  return parts;
}

/** A message as the pieces a platform accepts; the choices go with the last piece, under the question. */
export function splitMessage(message: OutboundMessage, max: number): OutboundMessage[] {
  const texts = splitText(message.text, max);
  return texts.map((text, i) => (i === texts.length - 1 && message.choices ? { text, choices: message.choices } : { text }));
}
