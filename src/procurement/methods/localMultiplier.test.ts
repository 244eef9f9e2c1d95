import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { InputError } from "../../core/errors.js";
import { defaultLm3Shares, lm3Questions, localMultiplier } from "./localMultiplier.js";
import type { Lm3Row } from "./localMultiplier.js";

// Two suppliers worked by hand with the rounds of Sacks (2002), "The Money Trail", NEF.
const builder: Lm3Row = {
  supplierId: "builder",
  group: "council",
  // R1 £100. Half its income on supplies, 40% of that local: £20. 40% on staff, half of them
  // local: £20. R2 = £40. Local suppliers re-spend 30% locally (£6), local staff 50% (£10):
  // R3 = £16. LM3 = (100 + 40 + 16) / 100 = 1.56.
  spendPence: 10_000,
  supplierSpendShare: 0.5,
  localSupplierShare: 0.4,
  staffShare: 0.4,
  localStaffShare: 0.5,
  localSupplierRespendShare: 0.3,
  localStaffRespendShare: 0.5,
};
const caterer: Lm3Row = {
  supplierId: "caterer",
  group: "school",
  // R1 £300. 60% on supplies, all local: £180. 30% on staff, all local: £90. R2 = £270.
  // R3 = 180 × 0.5 + 90 × 0.6 = £144. LM3 = (300 + 270 + 144) / 300 = 2.38.
  spendPence: 30_000,
  supplierSpendShare: 0.6,
  localSupplierShare: 1,
  staffShare: 0.3,
  localStaffShare: 1,
  localSupplierRespendShare: 0.5,
  localStaffRespendShare: 0.6,
};
const noImputation = Object.fromEntries(lm3Questions.map((question) => [question, 0]));

/** A random fully answered row with spending shares summing to at most 1. */
function randomRow(random: () => number, index: number): Lm3Row {
  const supplierSpendShare = random();
  return {
    supplierId: `supplier-${index}`,
    spendPence: Math.floor(random() * 1e9),
    supplierSpendShare,
    localSupplierShare: random(),
    staffShare: random() * (1 - supplierSpendShare),
    localStaffShare: random(),
    localSupplierRespendShare: random(),
    localStaffRespendShare: random(),
  };
}

describe("localMultiplier", () => {
  test("localMultiplier(rows) works two suppliers by hand, overall, per group and per row", () => {
    const result = localMultiplier([builder, caterer]);
    expect(result.rows[0]).toMatchObject({
      supplierId: "builder",
      group: "council",
      r1Pence: 10_000,
      r2LocalSuppliersPence: 2_000,
      r2LocalStaffPence: 2_000,
      r2Pence: 4_000,
      r3FromLocalSuppliersPence: 600,
      r3FromLocalStaffPence: 1_000,
      r3Pence: 1_600,
      imputed: [],
    });
    expect(result.rows[0]!.lm3).toBeCloseTo(1.56, 12);
    expect(result.rows[1]).toMatchObject({ r2Pence: 27_000, r3Pence: 14_400 });
    expect(result.rows[1]!.lm3).toBeCloseTo(2.38, 12);
    // Overall: (400 + 310 + 160) / 400 = 2.175.
    expect(result.overall).toMatchObject({
      r1Pence: 40_000,
      r2Pence: 31_000,
      r3Pence: 16_000,
      rows: 2,
      imputedCounts: noImputation,
    });
    expect(result.overall.lm3).toBeCloseTo(2.175, 12);
    expect(result.groups.map((group) => [group.group, group.r1Pence])).toEqual([
      ["council", 10_000],
      ["school", 30_000],
    ]);
    expect(result.groups[0]!.lm3).toBeCloseTo(1.56, 12);
    expect(result.warnings).toEqual([]);
  });

  test("localMultiplier(rows) is 1 when nothing is spent locally", () => {
    const result = localMultiplier([
      { ...builder, localSupplierShare: 0, localStaffShare: 0 },
      { ...caterer, localSupplierShare: 0, localStaffShare: 0 },
    ]);
    expect(result.overall.lm3).toBe(1);
    expect(result.overall.r2Pence).toBe(0);
    expect(result.overall.r3Pence).toBe(0);
  });

  test("localMultiplier(rows) is 3 when everything is spent locally", () => {
    const result = localMultiplier([
      {
        supplierId: "co-op",
        spendPence: 12_345,
        supplierSpendShare: 0.7,
        localSupplierShare: 1,
        staffShare: 0.3,
        localStaffShare: 1,
        localSupplierRespendShare: 1,
        localStaffRespendShare: 1,
      },
    ]);
    expect(result.overall.lm3).toBeCloseTo(3, 12);
  });

  test("localMultiplier(random rows) lies from 1 to 3 and is the spend-weighted mean of the rows", () => {
    const random = uniformStream(2002);
    for (let trial = 0; trial < 50; trial += 1) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 20) }, (_, index) =>
        randomRow(random, index),
      );
      const result = localMultiplier(rows);
      const lm3 = result.overall.lm3!;
      expect(lm3).toBeGreaterThanOrEqual(1);
      expect(lm3).toBeLessThanOrEqual(3);
      for (const row of result.rows) {
        if (row.lm3 === undefined) continue;
        expect(row.lm3).toBeGreaterThanOrEqual(1);
        expect(row.lm3).toBeLessThanOrEqual(3);
        expect(row.r3Pence).toBeLessThanOrEqual(row.r2Pence + 1);
        expect(row.r2Pence).toBeLessThanOrEqual(row.r1Pence + 1);
      }
      const weighted = result.rows.reduce((sum, row) => sum + (row.lm3 ?? 0) * row.r1Pence, 0);
      expect(lm3).toBeCloseTo(weighted / result.overall.r1Pence, 9);
    }
  });

  test("localMultiplier(rows with doubled spend) leaves every LM3 unchanged", () => {
    const random = uniformStream(76);
    const rows = Array.from({ length: 12 }, (_, index) => randomRow(random, index));
    const doubled = rows.map((row) => ({ ...row, spendPence: row.spendPence * 2 }));
    const once = localMultiplier(rows);
    const twice = localMultiplier(doubled);
    expect(twice.overall.lm3).toBe(once.overall.lm3);
    twice.rows.forEach((row, index) => expect(row.lm3).toBe(once.rows[index]!.lm3));
    expect(twice.overall.r1Pence).toBe(2 * once.overall.r1Pence);
    // Each part is rounded to the penny, so the doubled totals may differ by a penny a part.
    expect(Math.abs(twice.overall.r2Pence - 2 * once.overall.r2Pence)).toBeLessThanOrEqual(24);
  });

  test("localMultiplier(rows) totals per group add up to the overall totals", () => {
    const random = uniformStream(3);
    const rows = Array.from({ length: 30 }, (_, index) => ({
      ...randomRow(random, index),
      group: ["a", "b", "c"][index % 3]!,
    }));
    const result = localMultiplier(rows);
    for (const field of ["r1Pence", "r2Pence", "r3Pence", "rows"] as const) {
      expect(result.groups.reduce((sum, group) => sum + group[field], 0)).toBe(
        result.overall[field],
      );
    }
    const rowsTotal = result.rows.reduce((sum, row) => sum + row.r2Pence, 0);
    expect(rowsTotal).toBe(result.overall.r2Pence);
  });

  test("localMultiplier(rows with missing answers) uses the respondents' spend-weighted mean and says so", () => {
    // The builder does not say how many of its staff are local. The answers given are the
    // caterer's 1 (spend £300) and a third supplier's 0.2 (spend £100): (300 + 20) / 400 = 0.8.
    const third: Lm3Row = { ...builder, supplierId: "third", localStaffShare: 0.2 };
    const result = localMultiplier([{ ...builder, localStaffShare: undefined }, caterer, third]);
    expect(result.imputation.localStaffShare).toEqual({
      value: 0.8,
      source: "respondentMean",
      respondents: 2,
    });
    const row = result.rows[0]!;
    expect(row.imputed).toEqual(["localStaffShare"]);
    expect(row.shares.localStaffShare).toBeCloseTo(0.8, 12);
    // R2 = 20 + 100 × 0.4 × 0.8 = £52; R3 = 6 + 32 × 0.5 = £22.
    expect(row.r2Pence).toBe(5_200);
    expect(row.r3Pence).toBe(2_200);
    expect(result.overall.imputedCounts.localStaffShare).toBe(1);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/1 of 3 rows have no answer for localStaffShare/);
  });

  test("localMultiplier(rows nobody answered) uses the documented defaults and warns they are assumptions", () => {
    const result = localMultiplier([{ supplierId: "silent", spendPence: 50_000 }]);
    expect(result.rows[0]!.shares).toEqual(defaultLm3Shares);
    expect(result.rows[0]!.imputed).toEqual([...lm3Questions]);
    // The local shares default to 0, so nothing counts as local: LM3 = 1, a lower bound.
    expect(result.overall.lm3).toBe(1);
    expect(result.warnings).toHaveLength(lm3Questions.length);
    expect(result.warnings[0]).toMatch(/the default \(0\.6\), an assumption/);
  });

  test("localMultiplier(rows, {imputation: 'default', defaults}) fills every gap with the given defaults", () => {
    const result = localMultiplier([{ ...builder, localStaffShare: null }, caterer], {
      imputation: "default",
      defaults: { localStaffShare: 0.25 },
    });
    expect(result.imputation.localStaffShare).toEqual({
      value: 0.25,
      source: "default",
      respondents: 1,
    });
    expect(result.rows[0]!.r2LocalStaffPence).toBe(1_000);
  });

  test("localMultiplier(rows) cuts a filled-in spending share to keep the two within the income", () => {
    // Staff take 70% of the income; the default 0.6 on supplies is cut to 0.3.
    const result = localMultiplier([
      { supplierId: "care", spendPence: 10_000, staffShare: 0.7, localSupplierShare: 1 },
    ]);
    expect(result.rows[0]!.shares.supplierSpendShare).toBeCloseTo(0.3, 12);
    expect(result.rows[0]!.r2LocalSuppliersPence).toBe(3_000);
  });

  test("localMultiplier(no rows) has zero rounds and an undefined LM3", () => {
    const result = localMultiplier([]);
    expect(result.overall).toMatchObject({ r1Pence: 0, r2Pence: 0, r3Pence: 0, rows: 0 });
    expect(result.overall.lm3).toBeUndefined();
    expect(result.groups).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  test("localMultiplier(one row with no spend) has an undefined LM3, not a division by zero", () => {
    const result = localMultiplier([{ ...builder, spendPence: 0 }]);
    expect(result.rows[0]!.lm3).toBeUndefined();
    expect(result.overall.lm3).toBeUndefined();
    expect(result.groups[0]!.lm3).toBeUndefined();
  });

  test("localMultiplier(rows) rounds each part to the penny, half up", () => {
    // 333 × 0.5 × 0.5 = 83.25 → 83; 333 × 0.5 × 0.5 × 0.5 = 41.625 → 42.
    const result = localMultiplier([
      {
        supplierId: "small",
        spendPence: 333,
        supplierSpendShare: 0.5,
        localSupplierShare: 0.5,
        staffShare: 0.5,
        localStaffShare: 0,
        localSupplierRespendShare: 0.5,
        localStaffRespendShare: 0,
      },
    ]);
    expect(result.rows[0]).toMatchObject({ r2Pence: 83, r3Pence: 42 });
    expect(result.overall.lm3).toBeCloseTo((333 + 83.25 + 41.625) / 333, 12);
  });

  test("localMultiplier(bad rows or options) throws an InputError naming the field", () => {
    expect(() => localMultiplier([{ ...builder, localStaffShare: 1.2 }])).toThrow(
      /rows\[0\]\.localStaffShare/,
    );
    expect(() => localMultiplier([{ ...builder, spendPence: -1 }])).toThrow(InputError);
    expect(() => localMultiplier([{ ...builder, spendPence: 10.5 }])).toThrow(/spendPence/);
    expect(() =>
      localMultiplier([{ ...builder, supplierSpendShare: 0.7, staffShare: 0.4 }]),
    ).toThrow(/sum to more than 1/);
    expect(() => localMultiplier([{ ...builder, supplierId: "" }])).toThrow(/supplier id/);
    expect(() => localMultiplier([builder], { defaults: { staffShare: 2 } })).toThrow(
      /defaults\.staffShare/,
    );
    expect(() =>
      localMultiplier([builder], { defaults: { supplierSpendShare: 0.9, staffShare: 0.5 } }),
    ).toThrow(/sum to more than 1/);
    expect(() =>
      localMultiplier([builder], { imputation: "median" as unknown as "default" }),
    ).toThrow(/imputation/);
  });
});
