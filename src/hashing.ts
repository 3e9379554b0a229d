import pLimit from 'p-limit';

/**
 * One queue for every argon2 hash of the process, residents' PINs and officers' passwords alike: each takes
 * 64 MiB and a good part of a second while it runs, so a burst of either must not run them all at once.
 */
export const argon2Slots = pLimit(2);

/** ARGON2_CONCURRENCY: how many hashes run at once; the others wait their turn. */
export function setArgon2Concurrency(concurrency: number): void {
  argon2Slots.concurrency = concurrency;
}
