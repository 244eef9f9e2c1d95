import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { rankIntervalChart } from "./rankIntervalChart.js";

function parse(svg: string): Element {
  return parseHTML(`<html><body>${svg}</body></html>`).document.querySelector("svg")!;
}

describe("rankIntervalChart", () => {
  test("rankIntervalChart(rows) draws one interval and one marker per place, intervals spanning low to high", () => {
    const svg = parse(
      rankIntervalChart({
        title: "Ranks",
        rows: [
          { label: "A & B", rank: 1, low: 1, high: 2 },
          { label: "Cee", rank: 2, low: 1, high: 3 },
          { label: "Dee", rank: 3, low: 3, high: 3, highlight: true },
        ],
      }),
    );
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Ranks");
    expect(svg.querySelector("desc")!.textContent).toBe(
      "A & B: rank 1, between 1 and 2; Cee: rank 2, between 1 and 3; Dee: rank 3, between 3 and 3",
    );
    const intervals = Array.from(svg.querySelectorAll("line[stroke-width='3']"));
    expect(intervals).toHaveLength(3);
    const span = (line: Element): number =>
      Number(line.getAttribute("x2")) - Number(line.getAttribute("x1"));
    // Cee's interval (1 to 3) is twice as long as A & B's (1 to 2); Dee's (3 to 3) has none.
    expect(span(intervals[1]!)).toBeCloseTo(2 * span(intervals[0]!), 5);
    expect(span(intervals[2]!)).toBe(0);
    expect(svg.querySelectorAll("circle")).toHaveLength(2);
    expect(svg.querySelectorAll("rect")).toHaveLength(1);
  });

  test("rankIntervalChart with one place puts it in the middle", () => {
    const svg = parse(
      rankIntervalChart({
        title: "One",
        rows: [{ label: "Only", rank: 1, low: 1, high: 1 }],
        width: 400,
      }),
    );
    const circle = svg.querySelector("circle")!;
    expect(Number(circle.getAttribute("cx"))).toBeGreaterThan(100);
    expect(Number(circle.getAttribute("cx"))).toBeLessThan(400);
  });
});
