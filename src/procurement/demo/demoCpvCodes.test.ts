import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import { cpvDivisions, parseCpv } from "../methods/cpv.js";
import { demoCpvCodes, demoCpvDivisions, demoDivision, divisionOf } from "./demoCpvCodes.js";
import { demoBuyerKinds } from "./demoBuyers.js";

// The divisions the demo is meant to cover.
// prettier-ignore
const wanted = [
  "09", "15", "30", "33", "34", "39", "44", "45", "48", "50", "55", "60", "64", "66", "71", "72",
  "73", "79", "80", "85", "90", "92", "98",
];

describe("demoCpvCodes", () => {
  test("demoCpvCodes holds 67 distinct eight-digit codes across the 23 wanted divisions", () => {
    expect(demoCpvCodes).toHaveLength(67);
    const codes = demoCpvCodes.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(parseCpv(code)).toEqual({ code, checkDigit: undefined });
    expect([...new Set(codes.map(divisionOf))].sort()).toEqual(wanted);
    expect(Object.keys(demoCpvDivisions).sort()).toEqual(wanted);
    expect(wanted.every((division) => cpvDivisions.includes(division))).toBe(true);
  });

  test("demoCpvCodes name only known buyer kinds and every title is non-empty", () => {
    const kinds: readonly string[] = demoBuyerKinds;
    for (const entry of demoCpvCodes) {
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.trade.length).toBeGreaterThan(0);
      expect((entry.buyers ?? []).every((kind) => kinds.includes(kind))).toBe(true);
    }
  });

  test("demoDivision(code) gives its division's profile and throws for an unknown division", () => {
    expect(demoDivision("45210000").category).toBe("works");
    expect(() => demoDivision("03000000")).toThrow(RangeError);
  });
});

if (!hasSharedData) {
  console.warn("Skipping the CPV list check of the demo codes: ../shared/data is absent.");
}

describe.skipIf(!hasSharedData)("demoCpvCodes against the CPV 2008 list", () => {
  // lookups/cpv_2008_en.csv: the CPV 2008 main vocabulary with English descriptions
  // (Regulation (EC) No 213/2008); see the shared data MANIFEST.md.
  test("every demo code is a CPV 2008 code with the listed description", () => {
    const listed = new Map<string, string>();
    const lines = readFileSync(sharedFile("lookups/cpv_2008_en.csv"), "utf8").split(/\r?\n/);
    for (const line of lines.slice(1)) {
      const comma = line.indexOf(",");
      if (comma < 0) continue;
      const description = line.slice(comma + 1).replace(/^"(.*)"$/, "$1");
      listed.set(line.slice(0, 8), description);
    }
    for (const entry of demoCpvCodes) {
      expect(listed.get(entry.code), entry.code).toBe(entry.description);
    }
  });
});
