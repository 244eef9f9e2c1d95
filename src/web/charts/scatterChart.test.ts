import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { scatterChart } from "./scatterChart.js";

describe("scatterChart", () => {
  test("scatterChart(points) places points by value, higher y higher up, and labels each", () => {
    const svg = parseHTML(
      `<html><body>${scatterChart({
        title: "Opportunities",
        xLabel: "Feasibility",
        yLabel: "Attractiveness",
        xDomain: [0, 1],
        yDomain: [0, 100],
        points: [
          { x: 0.2, y: 80, label: "A & B" },
          { x: 0.8, y: 20, label: "C", highlight: true },
          { x: Number.NaN, y: 10, label: "missing" },
        ],
      })}</body></html>`,
    ).document.querySelector("svg")!;
    const circle = svg.querySelector("circle")!;
    const square = svg.querySelector("rect")!;
    expect(Number(circle.getAttribute("cx"))).toBeLessThan(Number(square.getAttribute("x")));
    expect(Number(circle.getAttribute("cy"))).toBeLessThan(Number(square.getAttribute("y")));
    expect(svg.querySelector("desc")!.textContent).toBe("A & B: 0.20, 80; C: 0.80, 20");
    expect(svg.querySelectorAll("circle, rect")).toHaveLength(2);
  });
});
