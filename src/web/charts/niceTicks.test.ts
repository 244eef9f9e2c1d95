import { describe, expect, test } from "vitest";
import { niceTicks } from "./niceTicks.js";

describe("niceTicks", () => {
  test("niceTicks(21300, 24080) steps by a round thousand and covers the range", () => {
    expect(niceTicks(21300, 24080)).toEqual([21000, 22000, 23000, 24000, 25000]);
  });

  test("niceTicks(min, max) gives exact decimal ticks", () => {
    expect(niceTicks(0.1, 0.3)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
  });

  test("niceTicks(value, same value) widens the range around it", () => {
    const ticks = niceTicks(50, 50);
    expect(ticks[0]).toBeLessThan(50);
    expect(ticks[ticks.length - 1]).toBeGreaterThan(50);
  });

  test("niceTicks(0, 0) widens to minus one and one", () => {
    expect(niceTicks(0, 0)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  test("niceTicks(NaN, 1) returns no ticks", () => {
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});
