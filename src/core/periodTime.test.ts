import { describe, expect, test } from "vitest";
import { periodTime } from "./periodTime.js";

describe("periodTime", () => {
  test("periodTime(period) reads a year as its start", () => {
    expect(periodTime("2023")).toEqual({ kind: "year", years: 2023 });
    expect(periodTime(" 2023 ")).toEqual({ kind: "year", years: 2023 });
  });

  test("periodTime(period) reads a financial or academic year from its first calendar year", () => {
    expect(periodTime("2022-23")).toEqual({ kind: "financialYear", years: 2022 });
    expect(periodTime("2022/23")).toEqual({ kind: "financialYear", years: 2022 });
    expect(periodTime("1999-00")).toEqual({ kind: "financialYear", years: 1999 });
  });

  test("periodTime(period) reads a quarter as a quarter of a year after the start of its year", () => {
    expect(periodTime("2023-Q1")).toEqual({ kind: "quarter", years: 2023 });
    expect(periodTime("2023 Q3")).toEqual({ kind: "quarter", years: 2023.5 });
    expect(periodTime("2023q4")).toEqual({ kind: "quarter", years: 2023.75 });
  });

  test("periodTime(period) is undefined for anything else", () => {
    for (const period of ["", "23", "FY23", "2022-24", "2023-Q5", "2023-01", "Jan 2023"]) {
      expect(periodTime(period)).toBeUndefined();
    }
  });
});
