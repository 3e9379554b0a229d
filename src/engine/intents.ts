import { fold, words } from './normalise.ts';
import { type Command, COMMANDS, type Keywords } from './types.ts';

export interface Intents {
  /** An emergency word appears anywhere in the message. */
  emergency: boolean;
  /** The message says nothing but emergency words, so it is not also an answer to the question asked. */
  onlyEmergency: boolean;
  command: Command | null;
}

function containsPhrase(haystack: string[], phrase: string[]): number {
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    if (phrase.every((word, j) => haystack[i + j] === word)) return i;
  }
  return -1;
}

export function detectIntents(text: string, keywords: Keywords): Intents {
  let remaining = words(text);
  let emergency = false;
  for (const phrase of keywords.intents.emergency ?? []) {
    const phraseWords = words(phrase);
    if (phraseWords.length === 0) continue;
    let at = containsPhrase(remaining, phraseWords);
    while (at >= 0) {
      emergency = true;
      remaining = [...remaining.slice(0, at), ...remaining.slice(at + phraseWords.length)];
      at = containsPhrase(remaining, phraseWords);
    }
  }
  const whole = fold(text);
  const command = COMMANDS.find((name) => (keywords.intents[name] ?? []).some((word) => fold(word) === whole)) ?? null;
  return { emergency, onlyEmergency: emergency && remaining.length === 0, command };
}
