import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { argon2Slots, setArgon2Concurrency } from '../hashing.ts';

/** Hashes and checks the PINs of anonymous reports. */
export interface PinHasher {
  hash(pin: string): Promise<string>;
  /** Checks `pin` against `hash`, or, when there is no report to check it against, against a decoy. */
  verify(hash: string | null, pin: string): Promise<boolean>;
}

/**
 * argon2 takes 64 MiB of memory for each hash while it runs: every worker of a process hashing at once (a
 * burst of anonymous reports, or of PIN guesses) would take a gigabyte. At most `concurrency` run at a time,
 * officers' passwords included; the others wait their turn.
 */
export function createPinHasher(concurrency: number): PinHasher {
  setArgon2Concurrency(concurrency);
  const limit = argon2Slots;
  // Checked when there is no report, so the answer takes as long whether the report exists or not.
  let decoy: Promise<string> | null = null;
  const decoyHash = () => {
    decoy ??= limit(() => argon2.hash(randomBytes(16).toString('hex')));
    return decoy;
  };
  return {
    hash: (pin) => limit(() => argon2.hash(pin)),
    async verify(hash, pin) {
      const against = hash ?? (await decoyHash());
      return limit(() => argon2.verify(against, pin));
    },
  };
}
