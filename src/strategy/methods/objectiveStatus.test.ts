import { describe, expect, test } from "vitest";
import type { Polarity } from "../../core/vocabulary.js";
import { Random } from "../../demo/random.js";
import { assessObjective, objectiveStatuses } from "./objectiveStatus.js";
import type {
  ObjectiveAssessment,
  ObjectiveObservation,
  ObjectiveStatus,
  ObjectiveTarget,
} from "./objectiveStatus.js";

/** Yearly observations from a first year on. */
function yearly(first: number, values: readonly (number | null)[]): ObjectiveObservation[] {
  return values.map((value, offset) => ({ period: String(first + offset), value }));
}

// The employment rate (higher is better) from 70% in 2022 to 74% by 2030: 4 points in 8 years,
// so the straight path expects 0.5 a point a year.
const employment: ObjectiveTarget = {
  baselinePeriod: "2022",
  baselineValue: 70,
  targetPeriod: "2030",
  targetValue: 74,
  polarity: 1,
};

describe("assessObjective worked examples", () => {
  test("assessObjective(target, observations) is met when the latest value has reached the target", () => {
    // 74.5 in 2024 >= 74. Progress (74.5 - 70) / 4 = 1.125; the path expects (2024 - 2022) / 8 =
    // 25% of the way, 70 + 0.25 × 4 = 71. Slope of 70, 72, 74.5 over x = -1, 0, 1:
    // (-1 × -2.1667 + 1 × 2.3333) / 2 = 4.5 / 2 = 2.25 a year.
    const result = assessObjective(employment, yearly(2022, [70, 72, 74.5]));
    expect(result.status).toBe("met");
    expect(result.latest).toEqual({ period: "2024", value: 74.5 });
    expect(result.progress).toBeCloseTo(1.125, 12);
    expect(result.expectedProgress).toBeCloseTo(0.25, 12);
    expect(result.expected).toBeCloseTo(71, 12);
    expect(result.slopePerYear).toBeCloseTo(2.25, 12);
    expect(result.paceShare).toBeUndefined();
    expect(result.reason).toBe(
      "Met: 74.5 in 2024 has reached the target of 74 for 2030 (from 70 in 2022).",
    );
  });

  test("assessObjective(target, observations) is on track when progress is at least 95% of the expected", () => {
    // 71.2 in 2024: progress 1.2 / 4 = 30% >= 0.95 × 25% = 23.75%. Slope 0.6 a year; projected
    // 71.2 + 0.6 × (2030 - 2024) = 74.8; pace share (74.8 - 71.2) / (74 - 71.2) = 3.6 / 2.8.
    const result = assessObjective(employment, yearly(2022, [70, 70.6, 71.2]));
    expect(result.status).toBe("on-track");
    expect(result.progress).toBeCloseTo(0.3, 12);
    expect(result.expected).toBeCloseTo(71, 12);
    expect(result.slopePerYear).toBeCloseTo(0.6, 12);
    expect(result.projected).toBeCloseTo(74.8, 12);
    expect(result.paceShare).toBeCloseTo(3.6 / 2.8, 12);
    expect(result.reason).toBe(
      "On track: 71.2 in 2024 is 30% of the way from 70 in 2022 to the target of 74 for 2030; the straight path expects 25% (71) by now.",
    );
  });

  test("assessObjective(target, observations) is at risk when behind the path but the pace makes at least half the change still needed", () => {
    // 2022 to 2026 rising 0.4 a year to 71.6: progress 1.6 / 4 = 40% < 0.95 × 50% = 47.5%, so
    // behind. Slope 0.4; projected 71.6 + 0.4 × 4 = 73.2; pace share 1.6 / (74 - 71.6) = 2/3.
    const result = assessObjective(employment, yearly(2022, [70, 70.4, 70.8, 71.2, 71.6]));
    expect(result.status).toBe("at-risk");
    expect(result.progress).toBeCloseTo(0.4, 12);
    expect(result.expectedProgress).toBeCloseTo(0.5, 12);
    expect(result.expected).toBeCloseTo(72, 12);
    expect(result.slopePerYear).toBeCloseTo(0.4, 12);
    expect(result.projected).toBeCloseTo(73.2, 12);
    expect(result.paceShare).toBeCloseTo(2 / 3, 12);
    expect(result.reason).toBe(
      "At risk: 71.6 in 2026 is 40% of the way from 70 in 2022 to the target of 74 for 2030, behind the 50% (72) the straight path expects by now; at the pace of the figures since 2022 (0.4 a year) it would reach 73.2 by 2030, making 66.7% of the 2.4 still needed.",
    );
  });

  test("assessObjective(target, observations) is off track when the pace makes less than half the change still needed", () => {
    // Rising 0.2 a year to 70.8 in 2026: progress 0.8 / 4 = 20% < 47.5%. Projected
    // 70.8 + 0.2 × 4 = 71.6; pace share 0.8 / (74 - 70.8) = 0.8 / 3.2 = 25% < 50%.
    const result = assessObjective(employment, yearly(2022, [70, 70.2, 70.4, 70.6, 70.8]));
    expect(result.status).toBe("off-track");
    expect(result.progress).toBeCloseTo(0.2, 12);
    expect(result.projected).toBeCloseTo(71.6, 12);
    expect(result.paceShare).toBeCloseTo(0.25, 12);
    expect(result.reason).toContain("making 25% of the 3.2 still needed");
    expect(result.reason).toContain("less than the 50% that would make it at risk");
  });

  test("assessObjective(target, observations, {atRiskShare}) moves the line between at risk and off track", () => {
    // The same pace share of 25% is at risk when a fifth of the change still needed is enough.
    const observations = yearly(2022, [70, 70.2, 70.4, 70.6, 70.8]);
    expect(assessObjective(employment, observations, { atRiskShare: 0.2 }).status).toBe("at-risk");
  });

  test("assessObjective(target, observations, {onTrackShare}) moves the line between on track and behind", () => {
    // Progress 40% against 50% expected is 80% of the expected: on track below a share of 0.8
    // (at 0.8 exactly, (71.6 - 70) / 4 rounds to just under 0.4 in floating point).
    const observations = yearly(2022, [70, 70.4, 70.8, 71.2, 71.6]);
    expect(assessObjective(employment, observations, { onTrackShare: 0.79 }).status).toBe(
      "on-track",
    );
    expect(assessObjective(employment, observations, { onTrackShare: 0.81 }).status).toBe(
      "at-risk",
    );
  });

  test("assessObjective(target, observations) is off track when the value has moved away from the target", () => {
    // 69 in 2024: progress (69 - 70) / 4 = -25%, whatever the pace.
    const result = assessObjective(employment, yearly(2022, [70, 69.5, 69]));
    expect(result.status).toBe("off-track");
    expect(result.progress).toBeCloseTo(-0.25, 12);
    expect(result.reason).toBe(
      "Off track: 69 in 2024 has moved away from the target since the baseline of 70 in 2022, while the straight path to the target of 74 for 2030 expects 25% of the way (71) by now.",
    );
  });

  test("assessObjective(target, observations) is off track with no progress since the baseline", () => {
    const result = assessObjective(employment, yearly(2022, [70, 71, 70]));
    expect(result.status).toBe("off-track");
    expect(result.progress).toBe(0);
    expect(result.reason).toContain("70 in 2024 is no better than the baseline of 70 in 2022");
  });

  test("assessObjective(target, observations) gives no data without a figure since the baseline period", () => {
    const result = assessObjective(employment, yearly(2020, [68, 69, null]));
    expect(result).toEqual({
      status: "no-data",
      reason:
        "No data: the latest figure, 69 in 2021, is from before the baseline period 2022, so progress towards the target of 74 for 2030 cannot be judged.",
    });
    expect(assessObjective(employment, []).reason).toBe(
      "No data: there is no figure for 2022 or later, so progress towards the target of 74 for 2030 cannot be judged.",
    );
  });

  test("assessObjective(target, observations) reads lower-is-better targets the other way", () => {
    // Unemployment 5.0% in 2022 to 3.0% by 2030; 4.4% in 2024: progress (4.4 - 5) / (3 - 5) =
    // 30% >= 23.75%; expected 5 + 0.25 × -2 = 4.5. One figure, so no slope.
    const unemployment: ObjectiveTarget = {
      baselinePeriod: "2022",
      baselineValue: 5,
      targetPeriod: "2030",
      targetValue: 3,
      polarity: -1,
    };
    const result = assessObjective(unemployment, [{ period: "2024", value: 4.4 }]);
    expect(result.status).toBe("on-track");
    expect(result.progress).toBeCloseTo(0.3, 12);
    expect(result.expected).toBeCloseTo(4.5, 12);
    expect(result.slopePerYear).toBeUndefined();
    expect(result.projected).toBeUndefined();
    expect(assessObjective(unemployment, [{ period: "2024", value: 2.9 }]).status).toBe("met");
  });

  test("assessObjective(target, [one observation]) behind the path is at risk, with no trend to judge", () => {
    // 71 in 2026: progress 1 / 4 = 25% < 47.5% but above 0; no slope from one figure.
    const result = assessObjective(employment, [{ period: "2026", value: 71 }]);
    expect(result.status).toBe("at-risk");
    expect(result.slopePerYear).toBeUndefined();
    expect(result.reason).toBe(
      "At risk: 71 in 2026 is 25% of the way from 70 in 2022 to the target of 74 for 2030, behind the 50% (72) the straight path expects by now; with one figure since the baseline there is no trend yet to project.",
    );
  });

  test("assessObjective(target, observations) at the baseline period alone is on track if no worse", () => {
    // Nothing is expected yet: expected progress 0, and progress 0 >= 0.95 × 0.
    const result = assessObjective(employment, [{ period: "2022", value: 70 }]);
    expect(result.status).toBe("on-track");
    expect(result.expectedProgress).toBe(0);
    expect(assessObjective(employment, [{ period: "2022", value: 69 }]).status).toBe("off-track");
  });

  test("assessObjective(target, observations) is off track once the target period has come without the target", () => {
    // 73.9 in 2030 is 97.5% of the way, but the time is up; the path expects all of it.
    const result = assessObjective(employment, yearly(2028, [73, 73.5, 73.9]));
    expect(result.status).toBe("off-track");
    expect(result.expectedProgress).toBe(1);
    expect(result.expected).toBe(74);
    expect(result.projected).toBeUndefined();
    expect(result.reason).toBe(
      "Off track: 73.9 in 2030 falls short of the target of 74 for 2030, whose period has come, at 97.5% of the way from 70 in 2022.",
    );
    expect(assessObjective(employment, [{ period: "2031", value: 73.9 }]).status).toBe("off-track");
    expect(assessObjective(employment, [{ period: "2031", value: 74 }]).status).toBe("met");
  });

  test("assessObjective(target, observations) with the target equal to the baseline is met if no worse, else off track", () => {
    const hold: ObjectiveTarget = { ...employment, targetValue: 70, polarity: -1 };
    const better = assessObjective(hold, [{ period: "2024", value: 69.5 }]);
    expect(better.status).toBe("met");
    expect(better.progress).toBeUndefined();
    expect(better.reason).toBe(
      "Met: 69.5 in 2024 is no worse than the target of 70 for 2030 (from 70 in 2022).",
    );
    const worse = assessObjective(hold, [{ period: "2024", value: 70.5 }]);
    expect(worse.status).toBe("off-track");
    expect(worse.reason).toContain("70.5 in 2024 is worse than the target of 70 for 2030");
  });

  test("assessObjective(target, observations) with a target on the worse side of the baseline treats it as a floor", () => {
    // Higher is better, and the board accepts a fall from 100 to no lower than 95.
    const floor: ObjectiveTarget = { ...employment, baselineValue: 100, targetValue: 95 };
    expect(assessObjective(floor, [{ period: "2024", value: 97 }]).status).toBe("met");
    expect(assessObjective(floor, [{ period: "2024", value: 94 }]).status).toBe("off-track");
  });

  test("assessObjective(target, observations) with a polarity of 0 takes the way to the target as the good one", () => {
    // From 100 to 80: 90 in 2026 has closed (90 - 100) / (80 - 100) = 50% of the distance,
    // against 50% expected. 78 has passed the target.
    const neutral: ObjectiveTarget = {
      ...employment,
      baselineValue: 100,
      targetValue: 80,
      polarity: 0,
    };
    const halfway = assessObjective(neutral, [{ period: "2026", value: 90 }]);
    expect(halfway.status).toBe("on-track");
    expect(halfway.progress).toBeCloseTo(0.5, 12);
    expect(assessObjective(neutral, [{ period: "2026", value: 78 }]).status).toBe("met");
    expect(assessObjective(neutral, [{ period: "2026", value: 101 }]).status).toBe("off-track");
  });

  test("assessObjective(target, observations) with a polarity of 0 and the target at the baseline asks to hold the level", () => {
    const hold: ObjectiveTarget = { ...employment, targetValue: 70, polarity: 0 };
    expect(assessObjective(hold, [{ period: "2024", value: 70 }]).status).toBe("met");
    const moved = assessObjective(hold, [{ period: "2024", value: 70.5 }]);
    expect(moved.status).toBe("off-track");
    expect(moved.reason).toContain("which asks to hold the level of 2022");
  });

  test("assessObjective(target, observations) reads financial years and quarters", () => {
    // 2022-23 to 2029-30 is 7 years; 72 in 2024-25 is 2 of the 7 points after 2 of the 7 years.
    const financial: ObjectiveTarget = {
      baselinePeriod: "2022-23",
      baselineValue: 70,
      targetPeriod: "2029-30",
      targetValue: 77,
      polarity: 1,
    };
    const yearResult = assessObjective(financial, [{ period: "2024-25", value: 72 }]);
    expect(yearResult.expectedProgress).toBeCloseTo(2 / 7, 12);
    expect(yearResult.expected).toBeCloseTo(72, 12);
    expect(yearResult.status).toBe("on-track");
    // 2022-Q1 to 2024-Q1 is 2 years; 2022-Q3 is half a year in, a quarter of the way.
    const quarterly: ObjectiveTarget = {
      baselinePeriod: "2022-Q1",
      baselineValue: 10,
      targetPeriod: "2024-Q1",
      targetValue: 12,
      polarity: 1,
    };
    const observations = [
      { period: "2022-Q2", value: 10.2 },
      { period: "2022-Q3", value: 10.5 },
    ];
    const quarterResult = assessObjective(quarterly, observations);
    expect(quarterResult.expectedProgress).toBeCloseTo(0.25, 12);
    // Slope of 10.2 and 10.5 a quarter of a year apart: 0.3 / 0.25 = 1.2 a year.
    expect(quarterResult.slopePerYear).toBeCloseTo(1.2, 12);
    expect(quarterResult.status).toBe("on-track");
  });

  test("assessObjective(target, observations) ignores observations before the baseline and missing values", () => {
    const observations = [
      { period: "2019", value: 90 },
      { period: "2022", value: 70 },
      { period: "2023", value: null },
      { period: "2023", value: Number.NaN },
      { period: "2024", value: 71.2 },
      { period: "2025", value: null },
    ];
    const result = assessObjective(employment, observations);
    expect(result.latest).toEqual({ period: "2024", value: 71.2 });
    // 70 and 71.2 two years apart: 0.6 a year, as without the 2019 figure.
    expect(result.slopePerYear).toBeCloseTo(0.6, 12);
  });

  test("assessObjective(target, observations) does not depend on the order of the observations", () => {
    const ordered = yearly(2022, [70, 70.4, 70.8, 71.2, 71.6]);
    const shuffled = new Random(7).shuffle(ordered);
    expect(assessObjective(employment, shuffled)).toEqual(assessObjective(employment, ordered));
  });
});

describe("assessObjective errors", () => {
  test("assessObjective(target, observations) throws on a period that is not a year, financial year or quarter", () => {
    expect(() => assessObjective(employment, [{ period: "FY23", value: 70 }])).toThrow(
      new RangeError(
        'assessObjective: an observation period "FY23" is not a year ("2023"), financial year ("2023-24") or quarter ("2023-Q1")',
      ),
    );
    // Even where the value is missing.
    expect(() => assessObjective(employment, [{ period: "2023-25", value: null }])).toThrow(
      RangeError,
    );
    expect(() => assessObjective({ ...employment, targetPeriod: "by 2030" }, [])).toThrow(
      /the target period "by 2030" is not a year/,
    );
  });

  test("assessObjective(target, observations) throws when the target period does not come after the baseline", () => {
    expect(() => assessObjective({ ...employment, targetPeriod: "2020" }, [])).toThrow(
      new RangeError(
        'assessObjective: the target period "2020" must come after the baseline period "2022"',
      ),
    );
    expect(() => assessObjective({ ...employment, targetPeriod: "2022" }, [])).toThrow(RangeError);
  });

  test("assessObjective(target, observations) throws on periods of different kinds", () => {
    expect(() => assessObjective(employment, [{ period: "2023-24", value: 71 }])).toThrow(
      new RangeError(
        'assessObjective: the period "2023-24" is a financial or academic year but the baseline period "2022" is a year; give every period as the same kind',
      ),
    );
    expect(() => assessObjective({ ...employment, targetPeriod: "2030-Q1" }, [])).toThrow(
      RangeError,
    );
  });

  test("assessObjective(target, observations) throws on a period observed twice", () => {
    const observations = [
      { period: "2023-24", value: 71 },
      { period: "2023/24", value: 72 },
    ];
    const target = { ...employment, baselinePeriod: "2022-23", targetPeriod: "2029-30" };
    expect(() => assessObjective(target, observations)).toThrow(
      /the periods "2023-24" and "2023\/24" are the same period observed twice/,
    );
  });

  test("assessObjective(target, observations, options) throws on bad values and options", () => {
    expect(() => assessObjective({ ...employment, baselineValue: Number.NaN }, [])).toThrow(
      RangeError,
    );
    expect(() => assessObjective({ ...employment, targetValue: Infinity }, [])).toThrow(RangeError);
    expect(() => assessObjective({ ...employment, polarity: 2 as Polarity }, [])).toThrow(
      RangeError,
    );
    expect(() => assessObjective(employment, [], { onTrackShare: 1.5 })).toThrow(
      "assessObjective: onTrackShare must be a fraction from 0 to 1, got 1.5",
    );
    expect(() => assessObjective(employment, [], { atRiskShare: -0.1 })).toThrow(RangeError);
  });
});

/** A random objective with a noisy series around a random trend, some values missing. */
function randomCase(random: Random): {
  target: ObjectiveTarget;
  observations: ObjectiveObservation[];
} {
  const baselineYear = random.integer(2010, 2022);
  const targetYear = baselineYear + random.integer(1, 12);
  const baselineValue = random.uniform(-100, 100);
  const targetValue =
    random.next() < 0.05 ? baselineValue : baselineValue + random.uniform(-50, 50);
  const polarity = random.pick([1, -1, 0] as const);
  const pacePerYear =
    ((targetValue - baselineValue) / (targetYear - baselineYear)) * random.uniform(-1, 2);
  const observations: ObjectiveObservation[] = [];
  for (let year = baselineYear - 2; year <= targetYear + 1; year += 1) {
    if (random.next() < 0.3) continue;
    const value =
      random.next() < 0.1
        ? null
        : baselineValue + pacePerYear * (year - baselineYear) + random.normal(0, 3);
    observations.push({ period: String(year), value });
  }
  return {
    target: {
      baselinePeriod: String(baselineYear),
      baselineValue,
      targetPeriod: String(targetYear),
      targetValue,
      polarity,
    },
    observations,
  };
}

function transform(
  target: ObjectiveTarget,
  observations: readonly ObjectiveObservation[],
  change: (value: number) => number,
  polarity: Polarity,
): [ObjectiveTarget, ObjectiveObservation[]] {
  return [
    {
      ...target,
      baselineValue: change(target.baselineValue),
      targetValue: change(target.targetValue),
      polarity,
    },
    observations.map(({ period, value }) => ({
      period,
      value: value === null ? null : change(value),
    })),
  ];
}

function expectSameJudgement(left: ObjectiveAssessment, right: ObjectiveAssessment): void {
  expect(right.status).toBe(left.status);
  expect(right.latest?.period).toBe(left.latest?.period);
  if (left.progress === undefined) expect(right.progress).toBeUndefined();
  else expect(right.progress).toBeCloseTo(left.progress, 6);
  if (left.expectedProgress === undefined) expect(right.expectedProgress).toBeUndefined();
  else expect(right.expectedProgress).toBeCloseTo(left.expectedProgress, 12);
  if (left.paceShare === undefined) expect(right.paceShare).toBeUndefined();
  else expect(right.paceShare).toBeCloseTo(left.paceShare, 6);
}

const rank: Record<ObjectiveStatus, number> = {
  met: 0,
  "on-track": 1,
  "at-risk": 2,
  "off-track": 3,
  "no-data": 4,
};

describe("assessObjective properties", () => {
  const cases = 2_000;

  test("assessObjective(target, observations) reaches every status over random cases", () => {
    const random = new Random(20_240_701);
    const seen = new Set<ObjectiveStatus>();
    for (let index = 0; index < cases; index += 1) {
      const { target, observations } = randomCase(random);
      seen.add(assessObjective(target, observations).status);
    }
    expect([...seen].sort()).toEqual([...objectiveStatuses].sort());
  });

  test("assessObjective(target, observations) is unchanged by negating every value and flipping the polarity", () => {
    const random = new Random(1);
    for (let index = 0; index < cases; index += 1) {
      const { target, observations } = randomCase(random);
      const flipped = target.polarity === 0 ? 0 : (-target.polarity as Polarity);
      const [negatedTarget, negated] = transform(target, observations, (value) => -value, flipped);
      expectSameJudgement(
        assessObjective(target, observations),
        assessObjective(negatedTarget, negated),
      );
    }
  });

  test("assessObjective(target, observations) is unchanged by a change of units (k × value + c, k > 0)", () => {
    const random = new Random(2);
    for (let index = 0; index < cases; index += 1) {
      const { target, observations } = randomCase(random);
      const scale = Math.exp(random.uniform(Math.log(0.001), Math.log(1000)));
      const shift = random.uniform(-1000, 1000);
      const [scaledTarget, scaled] = transform(
        target,
        observations,
        (value) => scale * value + shift,
        target.polarity,
      );
      expectSameJudgement(
        assessObjective(target, observations),
        assessObjective(scaledTarget, scaled),
      );
    }
  });

  test("assessObjective(target, observations) never gives a worse status for a better latest value", () => {
    const random = new Random(3);
    let compared = 0;
    for (let index = 0; index < cases; index += 1) {
      const { target, observations } = randomCase(random);
      const before = assessObjective(target, observations);
      const direction =
        target.polarity !== 0
          ? target.polarity
          : Math.sign(target.targetValue - target.baselineValue);
      if (before.latest === undefined || direction === 0) continue;
      const latestPeriod = before.latest.period;
      for (const step of [0.01, 0.5, 5, 50]) {
        const better = observations.map((observation) =>
          observation.period === latestPeriod && observation.value !== null
            ? { ...observation, value: observation.value + direction * step }
            : observation,
        );
        const after = assessObjective(target, better);
        expect(rank[after.status]).toBeLessThanOrEqual(rank[before.status]);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(cases);
  });

  test("assessObjective(target, observations) gives a reason with the latest figure, the target and the shares", () => {
    // The figures as the reason prints them: two decimals or three significant figures.
    const figure = new Intl.NumberFormat("en-GB", {
      maximumFractionDigits: 2,
      maximumSignificantDigits: 3,
      roundingPriority: "morePrecision",
    });
    const share = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
    const random = new Random(4);
    for (let index = 0; index < 500; index += 1) {
      const { target, observations } = randomCase(random);
      const result = assessObjective(target, observations);
      const { reason, latest, progress, expectedProgress, paceShare } = result;
      expect(reason).toContain(
        `${figure.format(target.targetValue + 0)} for ${target.targetPeriod}`,
      );
      if (latest === undefined) continue;
      expect(reason).toContain(`${figure.format(latest.value + 0)} in ${latest.period}`);
      if (result.status === "on-track" || result.status === "at-risk") {
        expect(reason).toContain(`${share.format((progress as number) * 100 + 0)}%`);
        expect(reason).toContain(`${share.format((expectedProgress as number) * 100 + 0)}%`);
      }
      if (result.status === "at-risk" && paceShare !== undefined) {
        expect(reason).toContain(`${share.format(paceShare * 100 + 0)}% of the`);
      }
    }
  });
});
