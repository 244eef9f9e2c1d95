import { describe, expect, test } from "vitest";
import { Random } from "./random.js";

describe("Random", () => {
  test("Random.fromState([1, 2, 3, 4]).nextUint32() matches the xoshiro128** reference output", () => {
    // Printed by the reference C code of https://prng.di.unimi.it/xoshiro128starstar.c started
    // from the state {1, 2, 3, 4}.
    const random = Random.fromState([1, 2, 3, 4]);
    const outputs = Array.from({ length: 8 }, () => random.nextUint32());
    expect(outputs).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
    ]);
  });

  test("Random.fromState(state) matches the reference output after 1,000 steps", () => {
    // The same reference code started from {0x9e3779b9, 0x7f4a7c15, 0xf39cc060, 0x5ced8d33}.
    const random = Random.fromState([0x9e3779b9, 0x7f4a7c15, 0xf39cc060, 0x5ced8d33]);
    for (let step = 0; step < 1000; step += 1) random.nextUint32();
    expect([random.nextUint32(), random.nextUint32()]).toEqual([473063033, 15661852]);
  });

  test("Random.fromState([0, 0, 0, 0]) throws because xoshiro cannot leave the zero state", () => {
    expect(() => Random.fromState([0, 0, 0, 0])).toThrow(RangeError);
  });

  test("new Random(seed) gives the same sequence for the same seed and another for another", () => {
    const draw = (seed: number): number[] => {
      const random = new Random(seed);
      return Array.from({ length: 20 }, () => random.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(-1)).not.toEqual(draw(2 ** 32 - 1));
    expect(draw(0)).not.toEqual(draw(2 ** 32));
  });

  test("new Random(seed) throws when the seed is not a safe integer", () => {
    expect(() => new Random(1.5)).toThrow(RangeError);
    expect(() => new Random(Number.NaN)).toThrow(RangeError);
    expect(() => new Random(2 ** 60)).toThrow(RangeError);
  });

  test("random.next() stays in [0, 1) with a mean near one half", () => {
    const random = new Random(7);
    const values = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 2);
  });

  test("random.uniform(min, max) and random.integer(min, max) stay in their ranges", () => {
    const random = new Random(8);
    const seen = new Set<number>();
    const values = Array.from({ length: 2000 }, () => random.uniform(-3, 5));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...values)).toBeLessThan(5);
    for (let index = 0; index < 2000; index += 1) seen.add(random.integer(2, 6));
    expect([...seen].sort()).toEqual([2, 3, 4, 5, 6]);
    expect(random.integer(4, 4)).toBe(4);
    expect(() => random.integer(5, 4)).toThrow(RangeError);
  });

  test("random.normal(mean, sd) has about the asked mean and standard deviation", () => {
    const random = new Random(9);
    const values = Array.from({ length: 40_000 }, () => random.normal(10, 2));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance =
      values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  test("random.shuffle(items) returns a permutation and leaves the input unchanged", () => {
    const random = new Random(10);
    const items = Array.from({ length: 30 }, (_, index) => index);
    const shuffled = random.shuffle(items);
    expect(items).toEqual(Array.from({ length: 30 }, (_, index) => index));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(random.shuffle([])).toEqual([]);
  });

  test("random.pick(items) throws on an empty list and returns a member otherwise", () => {
    const random = new Random(11);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(["a", "b", "c"]).toContain(random.pick(["a", "b", "c"]));
  });

  test("random.fork() gives a stream independent of later draws from the parent", () => {
    const first = new Random(12);
    const second = new Random(12);
    const forkA = first.fork();
    const forkB = second.fork();
    second.next();
    expect(forkA.nextUint32()).toBe(forkB.nextUint32());
    expect(first.nextUint32()).not.toBe(forkA.nextUint32());
  });
});
