import { describe, expect, test } from "vitest";
import { textWidth } from "./textWidth.js";

describe("textWidth", () => {
  test("textWidth(text, size) grows with the text and the font size", () => {
    expect(textWidth("Leeds", 14)).toBeGreaterThan(textWidth("Lee", 14));
    expect(textWidth("Leeds", 28)).toBeCloseTo(2 * textWidth("Leeds", 14));
  });

  test("textWidth(wide letters) is more than textWidth(narrow letters) of the same length", () => {
    expect(textWidth("WWWW", 10)).toBeGreaterThan(textWidth("iiii", 10));
  });

  test('textWidth("", size) is zero', () => {
    expect(textWidth("", 12)).toBe(0);
  });
});
