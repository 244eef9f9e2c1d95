import { describe, expect, test } from "vitest";
import { contrastingText } from "./contrastingText.js";

describe("contrastingText", () => {
  test("contrastingText(dark blue) returns white", () => {
    expect(contrastingText("#1d70b8")).toBe("#ffffff");
    expect(contrastingText("#08519c")).toBe("#ffffff");
  });

  test("contrastingText(yellow) returns GOV.UK black", () => {
    expect(contrastingText("#ffdd00")).toBe("#0b0c0c");
  });

  test("contrastingText(white or black) returns the opposite", () => {
    expect(contrastingText("#ffffff")).toBe("#0b0c0c");
    expect(contrastingText("#fff")).toBe("#0b0c0c");
    expect(contrastingText("#0b0c0c")).toBe("#ffffff");
    expect(contrastingText("black")).toBe("#ffffff");
  });

  test("contrastingText(rgb(...)) reads functional notation", () => {
    expect(contrastingText("rgb(29, 112, 184)")).toBe("#ffffff");
    expect(contrastingText("RGB(255,221,0)")).toBe("#0b0c0c");
  });

  test("contrastingText(unknown colour) falls back to black", () => {
    expect(contrastingText("url(#hatch)")).toBe("#0b0c0c");
  });

  test("contrastingText(the light palette colours) returns black", () => {
    for (const light of ["#eff3ff", "#bdd7e7", "#f3f2f1", "#d2e2f1", "#f7f7f7"]) {
      expect(contrastingText(light)).toBe("#0b0c0c");
    }
  });
});
