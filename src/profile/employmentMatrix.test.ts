import { describe, expect, test } from "vitest";
import { employmentMatrix } from "./employmentMatrix.js";

describe("employmentMatrix", () => {
  test("employmentMatrix(counts) lays counts out in first-met order and adds repeated pairs", () => {
    const matrix = employmentMatrix([
      { placeCode: "A", industryCode: "01", employees: 5 },
      { placeCode: "B", industryCode: "C", employees: 7 },
      { placeCode: "A", industryCode: "C", employees: 2 },
      { placeCode: "A", industryCode: "C", employees: 3 },
    ]);
    expect(matrix.placeCodes).toEqual(["A", "B"]);
    expect(matrix.industryCodes).toEqual(["01", "C"]);
    expect(Array.from(matrix.values)).toEqual([5, 5, 0, 7]);
  });

  test("employmentMatrix(counts, order) keeps the given order and leaves out codes not in it", () => {
    const matrix = employmentMatrix(
      [
        { placeCode: "A", industryCode: "01", employees: 5 },
        { placeCode: "Z", industryCode: "01", employees: 9 },
      ],
      { placeCodes: ["B", "A"], industryCodes: ["02", "01"] },
    );
    expect(Array.from(matrix.values)).toEqual([0, 0, 0, 5]);
  });
});
