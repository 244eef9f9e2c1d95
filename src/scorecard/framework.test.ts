import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { InputError } from "../core/errors.js";
import { frameworkIndicators, parseFramework, parseWeightSet } from "./framework.js";
import { shippedFrameworks } from "./shippedFrameworks.js";

const issueExample = `{
  "name": "People and places first",
  "period": "2023",
  "normalisation": { "method": "minMax" },
  "aggregation": { "method": "arithmetic" },
  "goals": [
    { "id": "prosperity", "weight": 1,
      "indicators": [ { "id": "gva_per_head", "polarity": 1, "weight": 1 } ] }
  ]
}`;

function inputError(work: () => unknown): InputError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("parseFramework", () => {
  test("parseFramework(the issue's example) fills the defaults", () => {
    const framework = parseFramework(issueExample, "framework.json");
    expect(framework).toMatchObject({
      name: "People and places first",
      period: "2023",
      imputation: { method: "none" },
      minimumCoverage: 0.5,
      weights: "explicit",
      places: {},
      leftBehind: { reference: "parent" },
    });
    expect(framework.uncertainty.weights).toEqual({ kind: "uniform", relativeRange: 0.5 });
    expect(frameworkIndicators(framework).map((indicator) => indicator.id)).toEqual([
      "gva_per_head",
    ]);
  });

  test("parseFramework reads goals nested to any depth, in YAML too", () => {
    const framework = parseFramework(
      `name: Nested
goals:
  - id: economy
    weight: 2
    goals:
      - id: output
        goals:
          - id: productivity
            indicators: [{ id: gva_per_hour, polarity: 1 }]
      - id: pay
        indicators: [{ id: median_pay, polarity: 1, weight: 3 }]
  - id: planet
    indicators: [{ id: co2, polarity: -1 }]
`,
      "framework.yaml",
    );
    expect(frameworkIndicators(framework).map((indicator) => indicator.id)).toEqual([
      "gva_per_hour",
      "median_pay",
      "co2",
    ]);
    expect(framework.goals[0]!.goals![0]!.weight).toBe(1);
  });

  test("parseFramework names the field of a goal with both goals and indicators", () => {
    const error = inputError(() =>
      parseFramework(
        JSON.stringify({
          name: "x",
          goals: [
            { id: "a", goals: [{ id: "b", indicators: [{ id: "c" }] }], indicators: [{ id: "d" }] },
          ],
        }),
        "bad.json",
      ),
    );
    expect(error.message).toMatch(/^bad.json, field "goals.0": a goal holds either sub-goals/);
  });

  test("parseFramework refuses an id used twice, an unknown method and a negative weight", () => {
    expect(
      inputError(() =>
        parseFramework(
          JSON.stringify({
            name: "x",
            goals: [
              { id: "a", indicators: [{ id: "pay" }] },
              { id: "b", indicators: [{ id: "pay" }] },
            ],
          }),
          "twice.json",
        ),
      ).message,
    ).toMatch(/the id "pay" is used twice/);
    expect(
      inputError(() =>
        parseFramework(
          JSON.stringify({
            name: "x",
            normalisation: { method: "log" },
            goals: [{ id: "a", indicators: [{ id: "b" }] }],
          }),
          "method.json",
        ),
      ).location.field,
    ).toBe("normalisation.method");
    expect(
      inputError(() =>
        parseFramework(
          JSON.stringify({
            name: "x",
            goals: [{ id: "a", weight: -1, indicators: [{ id: "b" }] }],
          }),
          "w.json",
        ),
      ).message,
    ).toMatch(/a weight cannot be negative/);
    expect(inputError(() => parseFramework("{ name: ", "broken.json")).message).toMatch(
      /not valid JSON/,
    );
  });

  test("the shipped frameworks parse", () => {
    for (const path of Object.values(shippedFrameworks)) {
      const framework = parseFramework(readFileSync(path, "utf8"), path);
      expect(frameworkIndicators(framework).length).toBeGreaterThanOrEqual(10);
    }
  });
});

describe("parseWeightSet", () => {
  test("parseWeightSet reads { id: weight } and refuses a negative weight", () => {
    expect(parseWeightSet('{ "prosperity": 2, "equality": 3 }', "w.json")).toEqual({
      prosperity: 2,
      equality: 3,
    });
    expect(inputError(() => parseWeightSet('{ "prosperity": -2 }', "w.json")).location.field).toBe(
      "prosperity",
    );
  });
});
