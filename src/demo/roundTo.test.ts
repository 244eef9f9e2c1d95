import { describe, expect, test } from "vitest";
import { roundTo } from "./roundTo.js";

describe("roundTo", () => {
  test("roundTo(value, decimals) rounds half away from zero", () => {
    expect(roundTo(2.25, 1)).toBe(2.3);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
    expect(roundTo(1234.5, 0)).toBe(1235);
  });

  test("roundTo(value, decimals) prints without floating-point noise", () => {
    expect(String(roundTo(0.1 + 0.2, 2))).toBe("0.3");
    expect(String(roundTo(7.4449999, 2))).toBe("7.44");
  });

  test("roundTo(value, decimals) never returns negative zero", () => {
    expect(Object.is(roundTo(-0.0001, 1), 0)).toBe(true);
  });
});
