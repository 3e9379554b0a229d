import { fold } from './normalise.ts';
import { type Command, COMMANDS, type Keywords } from './types.ts';

export interface Intents {
  /** An emergency word appears anywhere in the message. */
  emergency: boolean;
  /** The message says nothing but emergency words, so it is not also an answer to the question asked. */
  onlyEmergency: boolean;
  command: Command | null;
}

interface FoldedKeywords {
  /** Each emergency phrase as folded words. */
  emergency: string[][];
  /** A folded command word and the command it names; the first command in COMMANDS order wins. */
  commands: Map<string, Command>;
  /** Command words that are all punctuation ("?"), which folding would erase: matched as typed, repeats squeezed. */
  literal: Map<string, Command>;
  /** Greetings and thanks, folded. */
  courtesy: Set<string>;
}

// Keywords are fixed for the life of a flow set; folding them again for every message was most of a turn.
const foldedCache = new WeakMap<Keywords, FoldedKeywords>();

function folded(keywords: Keywords): FoldedKeywords {
  let cached = foldedCache.get(keywords);
  if (!cached) {
    const emergency = (keywords.intents.emergency ?? []).map((phrase) => fold(phrase).split(' ').filter(Boolean)).filter((w) => w.length > 0);
    const commands = new Map<string, Command>();
    const literal = new Map<string, Command>();
    for (const name of COMMANDS) {
      for (const word of keywords.intents[name] ?? []) {
        const key = fold(word);
        const [map, at] = key === '' ? [literal, squeeze(word)] : [commands, key];
        if (!map.has(at)) map.set(at, name);
      }
    }
    const courtesy = new Set((keywords.intents.courtesy ?? []).map(fold));
    cached = { emergency, commands, literal, courtesy };
    foldedCache.set(keywords, cached);
  }
  return cached;
}

/** "??" is "?": a character typed several times counts once, as letters do in folding. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '').replace(/(.)\1+/gu, '$1');
}

function containsPhrase(haystack: string[], phrase: string[]): number {
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    if (phrase.every((word, j) => haystack[i + j] === word)) return i;
  }
  return -1;
}

export function detectIntents(text: string, keywords: Keywords): Intents {
  const { emergency: phrases, commands, literal } = folded(keywords);
  const whole = fold(text);
  let remaining = whole === '' ? [] : whole.split(' ');
  let emergency = false;
  for (const phraseWords of phrases) {
    let at = containsPhrase(remaining, phraseWords);
    while (at >= 0) {
      emergency = true;
      remaining = [...remaining.slice(0, at), ...remaining.slice(at + phraseWords.length)];
      at = containsPhrase(remaining, phraseWords);
    }
  }
  // A message that folds to nothing ("!!!") names no command, unless it is one as typed ("?").
  const command = whole === '' ? literal.get(squeeze(text)) : commands.get(whole);
  return { emergency, onlyEmergency: emergency && remaining.length === 0, command: command ?? null };
}

/** A message that only greets or thanks ("salam", "شکریہ", "ok"), or says nothing in words ("👍", "!!"). */
export function isCourtesy(text: string, keywords: Keywords): boolean {
  const whole = fold(text);
  return whole === '' || /^\P{L}+$/u.test(whole) || folded(keywords).courtesy.has(whole);
}
