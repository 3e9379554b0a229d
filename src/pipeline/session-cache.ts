import type { Loaded } from '../store/turns.ts';

/**
 * What this process last wrote for each resident (their session and its version), so their next turn need
 * not read it back. It is only a guess: the write checks the version, and a resident whose session someone
 * else wrote since (another worker process, an officer) is read again. Bounded; the least recently used go.
 */
export interface SessionCache {
  get(residentKey: string): Loaded | undefined;
  set(residentKey: string, loaded: Loaded): void;
  drop(residentKey: string): void;
}

export function createSessionCache(max: number): SessionCache {
  const entries = new Map<string, Loaded>();
  return {
    get(key) {
      const found = entries.get(key);
      if (found) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, found);
      }
      return found;
    },
    set(key, loaded) {
      entries.delete(key);
      entries.set(key, loaded);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
    drop(key) {
      entries.delete(key);
    },
  };
}
