import { describe, expect, test } from "vitest";
import { Random } from "../../demo/index.js";
import { pickWeighted } from "./pickWeighted.js";

describe("pickWeighted", () => {
  test("pickWeighted(random, items, weight) draws in proportion to the weights", () => {
    const random = new Random(3);
    const counts = { a: 0, b: 0, c: 0 };
    const weights = { a: 1, b: 3, c: 0 };
    const items = ["a", "b", "c"] as const;
    for (let draw = 0; draw < 4_000; draw += 1)
      counts[pickWeighted(random, items, (i) => weights[i])] += 1;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
  });

  test("pickWeighted(one item) returns it; no positive weight throws", () => {
    expect(pickWeighted(new Random(1), ["only"], () => 2)).toBe("only");
    expect(() => pickWeighted(new Random(1), ["a", "b"], () => 0)).toThrow(RangeError);
    expect(() => pickWeighted(new Random(1), [], () => 1)).toThrow(RangeError);
  });
});
