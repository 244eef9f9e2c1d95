const twoToThe32 = 4_294_967_296;

/**
 * A seeded pseudo-random number generator: xoshiro128** 1.1 by David Blackman and Sebastiano
 * Vigna (2018), "Scrambled linear pseudorandom number generators", reference code at
 * https://prng.di.unimi.it/xoshiro128starstar.c (public domain). Its state is filled from the
 * seed with SplitMix32, the 32-bit form of Steele, Lea and Flood's SplitMix (2014) whose output
 * function is a two-round integer hash from Chris Wellons' hash-prospector. The same seed gives
 * the same sequence on every machine; nothing here reads the clock or `Math.random`.
 *
 * The generator is the only stateful object in the demo: each call advances it, so callers that
 * want independent streams take one with {@link Random.fork}.
 */
export class Random {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  // Box-Muller makes normal deviates in pairs; the second is kept for the next call.
  #spareNormal: number | undefined;

  /**
   * @param seed any safe integer; negative and large seeds are folded into the 128-bit state,
   *   so different integers give different streams.
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Random: the seed must be a safe integer, got ${String(seed)}`);
    }
    const low = seed >>> 0;
    const high = Math.floor(seed / twoToThe32) >>> 0;
    let state = (low ^ Math.imul(high, 0x85ebca6b)) | 0;
    const words: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      state = (state + 0x9e3779b9) | 0;
      let mixed = state;
      mixed = Math.imul(mixed ^ (mixed >>> 16), 0x21f0aaad);
      mixed = Math.imul(mixed ^ (mixed >>> 15), 0x735a2d97);
      words.push((mixed ^ (mixed >>> 15)) >>> 0);
    }
    // The all-zero state is the one state xoshiro can never leave; SplitMix32 does not produce
    // it in practice, but a fixed non-zero word keeps the guarantee explicit.
    if (!words.some((word) => word !== 0)) words[0] = 1;
    [this.#s0, this.#s1, this.#s2, this.#s3] = words as [number, number, number, number];
  }

  /**
   * A generator started from an explicit 128-bit state, as the reference implementation is;
   * used to check this implementation against the reference output.
   */
  static fromState(state: readonly [number, number, number, number]): Random {
    if (state.every((word) => word >>> 0 === 0)) {
      throw new RangeError("Random.fromState: the state must not be all zero");
    }
    const random = new Random(0);
    [random.#s0, random.#s1, random.#s2, random.#s3] = state.map((word) => word >>> 0) as [
      number,
      number,
      number,
      number,
    ];
    return random;
  }

  /** The next 32-bit unsigned integer of the sequence. */
  nextUint32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= shifted;
    this.#s3 = rotateLeft(this.#s3, 11);
    return result;
  }

  /** A number drawn uniformly from [0, 1), with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / twoToThe32;
  }

  /** A number drawn uniformly from [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer drawn uniformly from min to max, both included. */
  integer(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`Random.integer: bad range ${min} to ${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * A normal deviate by the Box-Muller transform (Box and Muller 1958, "A note on the generation
   * of random normal deviates", Annals of Mathematical Statistics 29(2)).
   *
   * @param mean the mean of the distribution; default 0.
   * @param standardDeviation its standard deviation; default 1.
   */
  normal(mean = 0, standardDeviation = 1): number {
    let deviate = this.#spareNormal;
    if (deviate === undefined) {
      // 1 - next() lies in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
      const angle = 2 * Math.PI * this.next();
      deviate = radius * Math.cos(angle);
      this.#spareNormal = radius * Math.sin(angle);
    } else {
      this.#spareNormal = undefined;
    }
    return mean + standardDeviation * deviate;
  }

  /** One item chosen uniformly; throws on an empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Random.pick: no items to pick from");
    return items[this.integer(0, items.length - 1)] as T;
  }

  /**
   * A shuffled copy of the items by the Fisher-Yates shuffle in Durstenfeld's form
   * (Durstenfeld 1964, "Algorithm 235: Random permutation", Communications of the ACM 7(7)).
   * The input is not changed.
   */
  shuffle<T>(items: readonly T[]): T[] {
    const shuffled = items.slice();
    for (let index = shuffled.length - 1; index > 0; index -= 1) {
      const other = this.integer(0, index);
      const item = shuffled[index] as T;
      shuffled[index] = shuffled[other] as T;
      shuffled[other] = item;
    }
    return shuffled;
  }

  /**
   * A new generator seeded from this one's next output, so that one part of a computation can
   * draw as many numbers as it likes without shifting the numbers another part sees.
   */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
