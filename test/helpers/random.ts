import { Random } from "../../src/demo/random.js";

/**
 * The project's seeded generator (xoshiro128**, `src/demo/random.ts`) as a function returning
 * numbers uniform in [0, 1), for property tests that want a reproducible stream.
 */
export function uniformStream(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

/** A places x industries 0/1 presence matrix, each pair present with probability `share`. */
export function randomPresence(
  places: number,
  industries: number,
  share: number,
  seed: number,
): Uint8Array {
  const next = uniformStream(seed);
  return Uint8Array.from({ length: places * industries }, () => (next() < share ? 1 : 0));
}
