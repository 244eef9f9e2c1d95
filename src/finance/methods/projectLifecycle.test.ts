import { describe, expect, test } from "vitest";
import {
  jobsByLevelTotals,
  mandateRefusal,
  projectStatuses,
  riskGrade,
  statusMoveRefusal,
  statusMoves,
} from "./projectLifecycle.js";

describe("statusMoveRefusal", () => {
  test("statusMoveRefusal allows each forward step and refuses skipping one", () => {
    expect(statusMoveRefusal("proposed", "appraised", { hasFund: false })).toBeUndefined();
    expect(statusMoveRefusal("appraised", "approved", { hasFund: true })).toBeUndefined();
    expect(statusMoveRefusal("proposed", "approved", { hasFund: true })).toBe(
      "a proposed project can move only to appraised",
    );
    expect(statusMoveRefusal("closed", "repaying", { hasFund: true })).toBe(
      "a closed project cannot change status",
    );
  });

  test("statusMoveRefusal needs a fund to approve and refuses a move to the same status", () => {
    expect(statusMoveRefusal("appraised", "approved", { hasFund: false })).toMatch(/fund/);
    expect(statusMoveRefusal("repaying", "repaying", { hasFund: true })).toMatch(/already/);
  });

  test("statusMoves reaches closed and written off from proposed, and every move names a status", () => {
    const reached = new Set<string>(["proposed"]);
    const queue = ["proposed"] as (keyof typeof statusMoves)[];
    while (queue.length > 0) {
      for (const next of statusMoves[queue.shift()!]) {
        expect(projectStatuses).toContain(next);
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    expect([...reached].sort()).toEqual([...projectStatuses].sort());
  });
});

describe("mandateRefusal", () => {
  const mandate = {
    instruments: ["loan", "grant"] as const,
    places: ["E12000001"],
    sectors: ["C", "35"],
  };

  test("mandateRefusal covers a project whose region, section or division the mandate names", () => {
    expect(
      mandateRefusal(mandate, { places: ["E08000001", "E12000001"], sector: "28", section: "C" }),
    ).toBeUndefined();
    expect(
      mandateRefusal(mandate, { places: ["E12000001"], sector: "35", instrument: "grant" }),
    ).toBeUndefined();
  });

  test("mandateRefusal names the instrument, place or sector the mandate does not cover", () => {
    expect(
      mandateRefusal(mandate, { places: ["E12000001"], sector: "35", instrument: "equity" }),
    ).toMatch(/does not offer a equity/);
    expect(mandateRefusal(mandate, { places: ["E08000009", "E12000002"], sector: "35" })).toMatch(
      /covers only E12000001/,
    );
    expect(mandateRefusal(mandate, { places: ["E12000001"], sector: "62", section: "J" })).toMatch(
      /sectors C, 35/,
    );
  });

  test("mandateRefusal with no places or sectors covers any place and sector", () => {
    expect(mandateRefusal({ instruments: ["loan"] }, { places: [], sector: "99" })).toBeUndefined();
  });
});

describe("riskGrade", () => {
  test("riskGrade puts each cut-off in the worse grade and has no grade without a risk", () => {
    expect([0, 0.0249, 0.025, 0.05, 0.1, 0.2, 0.9].map(riskGrade)).toEqual([
      "A",
      "A",
      "B",
      "C",
      "D",
      "E",
      "E",
    ]);
    expect(riskGrade(null)).toBeUndefined();
    expect(riskGrade(Number.NaN)).toBeUndefined();
  });
});

describe("jobsByLevelTotals", () => {
  test("jobsByLevelTotals counts jobs below level 6 as open without a degree and weighs pay by jobs", () => {
    // 10 entry jobs at £22,000, 5 level-3 jobs at £28,000, 5 graduate jobs at £40,000:
    // mean pay (220,000 + 140,000 + 200,000) / 20 = £28,000.
    expect(
      jobsByLevelTotals([
        { level: "entry", jobs: 10, annualPay: 22_000 },
        { level: "3", jobs: 5, annualPay: 28_000 },
        { level: "6+", jobs: 5, annualPay: 40_000 },
      ]),
    ).toEqual({ jobs: 20, jobsNoDegree: 15, meanPay: 28_000 });
  });

  test("jobsByLevelTotals has no mean pay when no level gives one, and zeros when empty", () => {
    expect(jobsByLevelTotals([{ level: "1-2", jobs: 3 }])).toEqual({
      jobs: 3,
      jobsNoDegree: 3,
      meanPay: undefined,
    });
    expect(jobsByLevelTotals([])).toEqual({ jobs: 0, jobsNoDegree: 0, meanPay: undefined });
  });
});
