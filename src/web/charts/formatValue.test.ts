import { describe, expect, test } from "vitest";
import { formatValue } from "./formatValue.js";

describe("formatValue", () => {
  test('formatValue(value, "£") puts the pound sign first and separates thousands', () => {
    expect(formatValue(21300, "£")).toBe("£21,300");
    expect(formatValue(1234567.8, "£")).toBe("£1,234,568");
  });

  test('formatValue(value, "£m") keeps the rest of the unit after the number', () => {
    expect(formatValue(12.46, "£m")).toBe("£12.5m");
  });

  test('formatValue(value, "%") puts the per cent sign right after the number', () => {
    expect(formatValue(72.34, "%")).toBe("72.3%");
  });

  test("formatValue(value, unit in words) writes the unit after a space", () => {
    expect(formatValue(5.21, "tCO2e per person")).toBe("5.2 tCO2e per person");
    expect(formatValue(12345, "jobs")).toBe("12,345 jobs");
  });

  test("formatValue(value) without a unit gives the number alone", () => {
    expect(formatValue(12345)).toBe("12,345");
    expect(formatValue(3, null)).toBe("3");
    expect(formatValue(3, "  ")).toBe("3");
  });

  test("formatValue(negative, unit) puts the minus sign before the pound sign", () => {
    expect(formatValue(-1200, "£")).toBe("-£1,200");
    expect(formatValue(-2.5, "%")).toBe("-2.5%");
  });

  test("formatValue(small value) keeps three significant figures", () => {
    expect(formatValue(0.04567)).toBe("0.0457");
    expect(formatValue(0)).toBe("0");
  });

  test("formatValue(NaN) says there is no data", () => {
    expect(formatValue(Number.NaN, "£")).toBe("no data");
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe("no data");
  });

  test("formatValue(-0) shows zero without a sign", () => {
    expect(formatValue(-0)).toBe("0");
  });
});
