import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { waterfallChart } from "./waterfallChart.js";

describe("waterfallChart", () => {
  test("waterfallChart(steps) starts each step where the last ended and colours rises and falls", () => {
    const svg = parseHTML(
      `<html><body>${waterfallChart({
        title: "Shift-share",
        steps: [
          { label: "National share", value: 100 },
          { label: "Industry mix", value: -40 },
          { label: "Local share", value: 20 },
          { label: "Change", value: 80, total: true },
        ],
      })}</body></html>`,
    ).document.querySelector("svg")!;
    const bars = Array.from(svg.querySelectorAll("rect"));
    const left = (bar: Element): number => Number(bar.getAttribute("x"));
    const right = (bar: Element): number => left(bar) + Number(bar.getAttribute("width"));
    // National share runs 0 to 100; the mix falls back to 60; the local share rises to 80.
    expect(right(bars[1]!)).toBeCloseTo(right(bars[0]!), 5);
    expect(left(bars[2]!)).toBeCloseTo(left(bars[1]!), 5);
    expect(right(bars[3]!)).toBeCloseTo(right(bars[2]!), 5);
    expect(bars.map((bar) => bar.getAttribute("fill"))).toEqual([
      "#1d70b8",
      "#d4351c",
      "#1d70b8",
      "#505a5f",
    ]);
    expect(svg.querySelector("desc")!.textContent).toBe(
      "National share: +100; Industry mix: −40; Local share: +20; Change: 80",
    );
  });
});
