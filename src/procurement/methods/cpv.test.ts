import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { uniformStream } from "../../../test/helpers/random.js";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import {
  cpvAncestors,
  cpvDivisions,
  cpvIsAncestor,
  cpvLevel,
  cpvSignificantDigits,
  cpvSimilarity,
  cpvSimilarityScale,
  normaliseCpv,
  parseCpv,
} from "./cpv.js";

describe("parseCpv", () => {
  test("parseCpv(code with check digit) keeps the eight digits and the check digit", () => {
    expect(parseCpv("45210000-2")).toEqual({ code: "45210000", checkDigit: 2 });
    expect(parseCpv(" 45210000 - 2 ")).toEqual({ code: "45210000", checkDigit: 2 });
  });

  test("parseCpv(eight digits or a number) has no check digit", () => {
    expect(parseCpv("45210000")).toEqual({ code: "45210000", checkDigit: undefined });
    expect(parseCpv(45210000)).toEqual({ code: "45210000", checkDigit: undefined });
  });

  test("parseCpv(code whose leading zero a spreadsheet dropped) puts the zero back", () => {
    expect(parseCpv("3000000-1")).toEqual({ code: "03000000", checkDigit: 1 });
    expect(parseCpv(3000000).code).toBe("03000000");
    expect(parseCpv(9134100).code).toBe("09134100");
  });

  test("parseCpv(code) does not verify the check digit, which the official list does not always follow", () => {
    // 03300000-2 is listed with 2; the published rule gives another digit (see cpv.ts).
    expect(parseCpv("03300000-2").checkDigit).toBe(2);
    expect(parseCpv("45210000-9").checkDigit).toBe(9);
  });

  test("parseCpv(not eight digits) throws an InputError that shows the input", () => {
    for (const input of [
      "",
      "abc",
      "452100",
      "452100000",
      "45210000-22",
      "45210000-",
      "45 210000",
    ]) {
      expect(() => parseCpv(input), input).toThrow(InputError);
    }
    expect(() => parseCpv("45-2")).toThrow(/found "45-2"/);
    for (const input of [45210000.5, -45210000, 123_456_789, Number.NaN]) {
      expect(() => parseCpv(input), String(input)).toThrow(InputError);
    }
  });

  test("parseCpv(unknown division) throws an InputError naming the division", () => {
    expect(() => parseCpv("00000000")).toThrow(/00 is not a CPV 2008 division/);
    expect(() => parseCpv("46000000")).toThrow(InputError);
    // A seven-digit code that is not a dropped leading zero lands in no division.
    expect(() => parseCpv("4521000")).toThrow(/04 is not a CPV 2008 division/);
  });

  test("parseCpv(a zero level above a used one) throws an InputError", () => {
    expect(() => parseCpv("45010000")).toThrow(/a level is 0 but a finer level is not/);
    expect(() => parseCpv("45200001")).toThrow(InputError);
    expect(parseCpv("30000000").code).toBe("30000000");
  });

  test("normaliseCpv(any accepted form) gives the same eight digits", () => {
    expect(new Set(["45210000-2", "45210000", " 45210000-2", 45210000].map(normaliseCpv))).toEqual(
      new Set(["45210000"]),
    );
  });
});

describe("cpvLevel and cpvSignificantDigits", () => {
  test("cpvLevel(code) names each level of Regulation 213/2008", () => {
    expect(cpvLevel("45000000-7")).toBe("division");
    expect(cpvLevel("45200000")).toBe("group");
    expect(cpvLevel("45210000")).toBe("class");
    expect(cpvLevel("45214000")).toBe("category");
    expect(cpvLevel("45214600")).toBe("subcategory");
    expect(cpvLevel("45214631")).toBe("subcategory");
  });

  test("cpvSignificantDigits(code) counts the digits before the padding zeros, at least 2", () => {
    expect(
      ["45000000", "45200000", "45210000", "45214000", "45214600", "45214630", "45214631"].map(
        cpvSignificantDigits,
      ),
    ).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // A division ending in 0, and one starting with 0, still has two digits.
    expect(cpvSignificantDigits("30000000")).toBe(2);
    expect(cpvSignificantDigits("03000000")).toBe(2);
    expect(cpvLevel(90000000)).toBe("division");
  });
});

describe("cpvAncestors and cpvIsAncestor", () => {
  test("cpvAncestors(code) lists the codes above it, broadest first", () => {
    expect(cpvAncestors("45214631-9")).toEqual([
      "45000000",
      "45200000",
      "45210000",
      "45214000",
      "45214600",
      "45214630",
    ]);
    expect(cpvAncestors("03111000")).toEqual(["03000000", "03100000", "03110000"]);
  });

  test("cpvAncestors(division) is empty", () => {
    expect(cpvAncestors("45000000")).toEqual([]);
    expect(cpvAncestors("30000000")).toEqual([]);
  });

  test("cpvIsAncestor(broad, narrow) is true only down the branch, and never for the code itself", () => {
    expect(cpvIsAncestor("45000000", "45210000")).toBe(true);
    expect(cpvIsAncestor("45210000", "45214631-9")).toBe(true);
    expect(cpvIsAncestor("45210000", "45000000")).toBe(false);
    expect(cpvIsAncestor("45210000", "45210000")).toBe(false);
    expect(cpvIsAncestor("45200000", "45310000")).toBe(false);
    // 30000000's branch is division 30, not every code starting with 3.
    expect(cpvIsAncestor("30000000", "31000000")).toBe(false);
    expect(cpvIsAncestor("30000000", "30200000")).toBe(true);
  });
});

describe("cpvSimilarity", () => {
  test("cpvSimilarity(a, b) follows the documented scale for codes that do not contain each other", () => {
    expect(cpvSimilarity("45210000-2", 45210000)).toBe(cpvSimilarityScale.exact);
    expect(cpvSimilarity("45214620", "45214631")).toBe(0.85);
    expect(cpvSimilarity("45214000", "45215000")).toBe(0.75);
    expect(cpvSimilarity("45213000", "45214000")).toBe(0.75);
    expect(cpvSimilarity("45210000", "45220000")).toBe(0.5);
    expect(cpvSimilarity("45100000", "45200000")).toBe(0.25);
    expect(cpvSimilarity("45210000", "71000000")).toBe(0);
    expect(cpvSimilarity("30000000", "31000000")).toBe(0);
  });

  test("cpvSimilarity(ancestor, descendant) is half-way between the ancestor's level and 1", () => {
    // "45000000 Construction work" against "45210000 Building construction work".
    expect(cpvSimilarity("45000000", "45210000")).toBe(0.625);
    expect(cpvSimilarity("45200000", "45214631")).toBe(0.75);
    expect(cpvSimilarity("45210000", "45214631")).toBe(0.875);
    expect(cpvSimilarity("45214000", "45214631")).toBe(0.925);
    expect(cpvSimilarity("45214630", "45214631")).toBe(0.925);
  });

  test("cpvSimilarity(a, b) is symmetric, within [0, 1], and 1 only for the same code", () => {
    const codes = randomCodes(uniformStream(11), 300);
    for (let index = 0; index + 1 < codes.length; index += 2) {
      const a = codes[index]!;
      const b = codes[index + 1]!;
      const similarity = cpvSimilarity(a, b);
      expect(similarity).toBe(cpvSimilarity(b, a));
      expect(similarity).toBeGreaterThanOrEqual(0);
      expect(similarity).toBeLessThanOrEqual(1);
      expect(similarity === 1).toBe(a === b);
    }
  });

  test("cpvSimilarity(code, ancestor) grows as the ancestor narrows, and beats a sibling at the ancestor's level", () => {
    for (const code of randomCodes(uniformStream(12), 200)) {
      const ancestors = cpvAncestors(code);
      let previous = 0;
      for (const ancestor of ancestors) {
        const similarity = cpvSimilarity(code, ancestor);
        const digits = cpvSignificantDigits(ancestor);
        // Strictly down to the category; the levels below it share one score.
        if (digits <= 5) expect(similarity).toBeGreaterThan(previous);
        else expect(similarity).toBe(previous);
        previous = similarity;
        // A sibling of the code under this ancestor shares exactly the ancestor's level.
        const siblingDigit = code[digits] === "1" ? "2" : "1";
        const sibling = `${code.slice(0, digits)}${siblingDigit}`.padEnd(8, "0");
        expect(similarity).toBeGreaterThan(cpvSimilarity(code, sibling));
      }
    }
  });

  test("cpvSimilarity(bad code, code) throws an InputError", () => {
    expect(() => cpvSimilarity("not a code", "45210000")).toThrow(InputError);
  });
});

if (!hasSharedData) {
  console.warn("Skipping the real CPV list tests: ../shared/data is not beside the project.");
}

describe.skipIf(!hasSharedData)("the CPV methods on the CPV 2008 list", () => {
  // lookups/cpv_2008_en.csv: the 9,454 codes of the CPV 2008 main vocabulary with their English
  // descriptions (Regulation (EC) No 213/2008); see the shared data MANIFEST.md.
  const listed = (): string[] =>
    readFileSync(sharedFile("lookups/cpv_2008_en.csv"), "utf8")
      .split(/\r?\n/)
      .slice(1)
      .filter((line) => line.length > 0)
      .map((line) => line.slice(0, line.indexOf(",")));

  test("parseCpv(every listed code) parses, keeps its check digit, and its division is listed", () => {
    const codes = listed();
    expect(codes).toHaveLength(9454);
    const parsed = codes.map((code) => parseCpv(code));
    const eightDigits = new Set(parsed.map(({ code }) => code));
    expect(eightDigits.size).toBe(9454);
    parsed.forEach(({ code, checkDigit }, index) => {
      expect(checkDigit).toBe(Number(codes[index]!.slice(9)));
      const ancestors = cpvAncestors(code);
      const division = cpvLevel(code) === "division" ? code : ancestors[0]!;
      expect(eightDigits.has(division)).toBe(true);
    });
  });

  test("cpvDivisions are exactly the divisions of the list", () => {
    const divisions = listed()
      .map(normaliseCpv)
      .filter((code) => cpvLevel(code) === "division")
      .map((code) => code.slice(0, 2));
    expect(divisions).toEqual([...cpvDivisions]);
  });

  test("cpvAncestors(listed code) are derived codes: 45 listed codes have one that is not listed", () => {
    const codes = listed().map(normaliseCpv);
    const known = new Set(codes);
    const withUnlisted = codes.filter((code) => cpvAncestors(code).some((a) => !known.has(a)));
    expect(withUnlisted).toHaveLength(45);
    expect(withUnlisted).toContain("30192121");
  });

  test("parseCpv(listed code) is right not to verify check digits: the 3-7-1 rule misses 532 codes", () => {
    // The count quoted in parseCpv's documentation: the weighted sum of the eight digits with
    // weights 3, 7, 1 repeating, modulo 10, against the listed check digit.
    const weights = [3, 7, 1, 3, 7, 1, 3, 7];
    const misses = listed().filter((listedCode) => {
      const { code, checkDigit } = parseCpv(listedCode);
      let sum = 0;
      for (let index = 0; index < 8; index += 1) sum += Number(code[index]) * weights[index]!;
      return sum % 10 !== checkDigit;
    });
    expect(misses).toHaveLength(532);
    expect(misses).toContain("03300000-2");
  });
});

/**
 * Random codes in a few divisions, with digits 1 or 2 below the division so that many pairs
 * share levels; each has 2 to 8 significant digits.
 */
function randomCodes(next: () => number, count: number): string[] {
  const divisions = ["45", "72", "30"];
  return Array.from({ length: count }, () => {
    const division = divisions[Math.floor(next() * divisions.length)]!;
    const digits = 2 + Math.floor(next() * 7);
    let code = division;
    while (code.length < digits) code += next() < 0.5 ? "1" : "2";
    return code.padEnd(8, "0");
  });
}
