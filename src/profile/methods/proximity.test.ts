import { describe, expect, test } from "vitest";
import { randomPresence } from "../../../test/helpers/random.js";
import { cooccurrence, proximity, proximityFromCounts } from "./proximity.js";

// Four places, three industries: P1 {A, B, C}, P2 {A, B}, P3 {A}, P4 {B, C}. Ubiquity 3, 3, 2;
// co-occurrence AB 2, AC 1, BC 2; proximity AB 2/3, AC 1/3, BC 2/3.
const presence = new Uint8Array([1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1]);

describe("proximity", () => {
  test("proximity(presence) gives the smaller conditional probability, 0 on the diagonal", () => {
    expect(Array.from(proximity(presence, 4, 3))).toEqual([
      0,
      2 / 3,
      1 / 3,
      2 / 3,
      0,
      2 / 3,
      1 / 3,
      2 / 3,
      0,
    ]);
  });

  test("cooccurrence(presence) counts places with both industries, ubiquity on the diagonal", () => {
    expect(Array.from(cooccurrence(presence, 4, 3))).toEqual([3, 2, 1, 2, 3, 2, 1, 2, 2]);
  });

  test("cooccurrence(presence) gives the same counts with and without WebAssembly", () => {
    // 200 places (several 64-bit words, the last partly used) and 45 industries.
    const random = randomPresence(200, 45, 0.3, 42);
    const fast = cooccurrence(random, 200, 45);
    const loops = cooccurrence(random, 200, 45, { useWebAssembly: false });
    expect(Array.from(fast)).toEqual(Array.from(loops));
    let both = 0;
    for (let place = 0; place < 200; place++) {
      both += random[place * 45 + 3]! * random[place * 45 + 17]!;
    }
    expect(fast[3 * 45 + 17]).toBe(both);
  });

  test("proximity(presence) is 0 for an industry present nowhere", () => {
    const withEmpty = new Uint8Array([1, 1, 0, 1, 0, 0, 0, 1, 0]);
    const values = proximity(withEmpty, 3, 3);
    expect([values[2], values[5], values[6], values[7], values[8]]).toEqual([0, 0, 0, 0, 0]);
    expect(values[1]).toBe(1 / 2);
  });

  test("proximity(presence) handles no places and no industries", () => {
    expect(proximity(new Uint8Array(0), 0, 3).every((value) => value === 0)).toBe(true);
    expect(proximity(new Uint8Array(0), 4, 0).length).toBe(0);
    expect(Array.from(proximityFromCounts(new Int32Array([2]), 1))).toEqual([0]);
  });

  test("cooccurrence(presence) rejects a presence of the wrong length", () => {
    expect(() => cooccurrence(presence, 4, 4)).toThrow(RangeError);
  });
});
