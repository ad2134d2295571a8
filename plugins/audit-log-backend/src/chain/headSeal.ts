import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the seal of the chain head covers: both ends of the chain that is kept. */
export type ChainEnds = {
  last_seq: number | string;
  last_hash: string;
  checkpoint_seq: number | string;
  checkpoint_hash: string;
};

/**
 * Stored in place of a seal once a head was found unsealed or wrongly sealed: appends carry on (an audit log that
 * stops recording is worse), but they must not launder the tampering with a fresh seal, so the head stays broken
 * until someone looks.
 */
export const BROKEN_SEAL = 'broken';

/**
 * A keyed HMAC over the chain's ends, with a key the database does not hold (`auditLog.integrity.key`).
 *
 * The event hashes are plain SHA-256, so someone who can write the database can delete the last events and move the
 * head back, delete the first ones and move the retention checkpoint, or rewrite and re-hash the whole chain. None of
 * that can be sealed again without the key, so a verification sees it. Without a key every method is a no-op and
 * verifications say the head is not sealed.
 */
export class HeadSeal {
  readonly #key: string | undefined;

  constructor(key: string | undefined) {
    this.#key = key || undefined;
  }

  get keyed(): boolean {
    return this.#key !== undefined;
  }

  /** The seal of these ends, or `null` without a key. */
  sealOf(ends: ChainEnds): string | null {
    return this.#mac(
      'head',
      `${Number(ends.last_seq)}|${ends.last_hash}|${Number(
        ends.checkpoint_seq,
      )}|${ends.checkpoint_hash}`,
    );
  }

  /** Whether the head carries the seal of its own ends (always true without a key). */
  holds(head: ChainEnds & { seal: string | null }): boolean {
    return !this.#key || equal(head.seal, this.sealOf(head));
  }

  /** The seal to store with the head's new ends: a fresh one only if the head it replaces was intact. */
  next(
    before: ChainEnds & { seal: string | null },
    after: ChainEnds,
  ): string | null {
    if (!this.#key) {
      return null;
    }
    return this.holds(before) ? this.sealOf(after) : BROKEN_SEAL;
  }

  /** The seal of a stored text (the latest verification result), or `null` without a key. */
  sealText(text: string): string | null {
    return this.#mac('text', text);
  }

  holdsText(text: string, seal: string | null): boolean {
    return !this.#key || equal(seal, this.sealText(text));
  }

  #mac(domain: string, content: string): string | null {
    if (!this.#key) {
      return null;
    }
    return createHmac('sha256', this.#key)
      .update(`slipway-audit-chain/${domain}\n${content}`)
      .digest('hex');
  }
}

function equal(stored: string | null, expected: string | null) {
  if (
    stored === null ||
    expected === null ||
    stored.length !== expected.length
  ) {
    return stored === expected;
  }
  return timingSafeEqual(Buffer.from(stored), Buffer.from(expected));
}

/**
 * The last event this backend appended or saw verified, kept in memory, outside the database: a chain that ends
 * before it, or holds another event in its place, was cut or rewritten, key or not.
 */
export class ChainWatermark {
  #seq = 0;
  #hash = '';

  advance(seq: number, hash: string) {
    if (seq > this.#seq) {
      this.#seq = seq;
      this.#hash = hash;
    }
  }

  snapshot(): { seq: number; hash: string } {
    return { seq: this.#seq, hash: this.#hash };
  }
}
