import { describe, expect, test } from "vitest";
import { parsePounds } from "./parsePounds.js";

describe("parsePounds", () => {
  test("parsePounds(pounds as written) gives whole pence exactly", () => {
    expect(
      ["0", "1250", "1250.5", "1250.50", "£1,250.50", "£ 1250", " 12,500,000 "].map(parsePounds),
    ).toEqual([0, 125_000, 125_050, 125_050, 125_050, 125_000, 1_250_000_000]);
    // 1.15 × 100 is 114.99999999999999 in floating point; the digits give 115.
    expect(parsePounds("1.15")).toBe(115);
    expect(parsePounds(1.15)).toBe(115);
    expect(parsePounds(1250.5)).toBe(125_050);
  });

  test("parsePounds(not pounds) is undefined: negative, three decimals, misplaced commas, words, too large", () => {
    for (const input of [
      "",
      "-1",
      "1.005",
      "1,25",
      "12,50.00",
      "ten",
      "£",
      "1e6",
      1e21,
      -5,
      0.001,
    ]) {
      expect(parsePounds(input), String(input)).toBeUndefined();
    }
    expect(parsePounds("99999999999999999")).toBeUndefined();
  });
});
