import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { sparkline } from "./sparkline.js";

function parse(markup: string): Element {
  const { document } = parseHTML(`<html><body>${markup}</body></html>`);
  return document.querySelector("svg")!;
}

// Every point of a path made only of absolute M and L commands.
function pathPoints(d: string): [number, number][] {
  return Array.from(d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g), (match) => [
    Number(match[1]),
    Number(match[2]),
  ]);
}

describe("sparkline", () => {
  test("sparkline(values, {label}) is an img named by its label, with a viewBox", () => {
    const svg = parse(sparkline([1, 2, 3], { label: "Jobs, 2015 to 2024: up from 1 to 3" }));
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Jobs, 2015 to 2024: up from 1 to 3");
    expect(svg.getAttribute("viewBox")).toBe("0 0 100 24");
  });

  test("sparkline(values) keeps every point and dot inside the viewBox", () => {
    const width = 80;
    const height = 20;
    const svg = parse(sparkline([5, -3, 12, 7, 0, 12, -3], { label: "x", width, height }));
    const points = pathPoints(svg.querySelector("path")!.getAttribute("d")!);
    expect(points).toHaveLength(7);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(height);
    }
    for (const circle of Array.from(svg.querySelectorAll("circle"))) {
      const cx = Number(circle.getAttribute("cx"));
      const cy = Number(circle.getAttribute("cy"));
      const r = Number(circle.getAttribute("r"));
      expect(cx - r).toBeGreaterThanOrEqual(0);
      expect(cx + r).toBeLessThanOrEqual(width);
      expect(cy - r).toBeGreaterThanOrEqual(0);
      expect(cy + r).toBeLessThanOrEqual(height);
    }
  });

  test("sparkline(values) puts the largest value highest and the smallest lowest", () => {
    const svg = parse(sparkline([2, 9, 4], { label: "x" }));
    const [first, second, third] = pathPoints(svg.querySelector("path")!.getAttribute("d")!);
    expect(second![1]).toBeLessThan(third![1]);
    expect(third![1]).toBeLessThan(first![1]);
  });

  test("sparkline(constant values) draws a flat line at mid height", () => {
    const svg = parse(sparkline([4, 4, 4, 4], { label: "x", height: 30 }));
    const points = pathPoints(svg.querySelector("path")!.getAttribute("d")!);
    expect(points).toHaveLength(4);
    for (const [, y] of points) expect(y).toBe(15);
  });

  test("sparkline(all null) draws nothing but keeps its label", () => {
    const svg = parse(sparkline([null, null, Number.NaN], { label: "No data yet" }));
    expect(svg.querySelector("path")).toBeNull();
    expect(svg.querySelector("circle")).toBeNull();
    expect(svg.getAttribute("aria-label")).toBe("No data yet");
    expect(svg.querySelector("title")!.textContent).toBe("No data yet");
  });

  test("sparkline([]) draws nothing", () => {
    const svg = parse(sparkline([], { label: "Empty" }));
    expect(svg.querySelector("path")).toBeNull();
  });

  test("sparkline(values with a null) leaves a gap and dots an isolated point", () => {
    const svg = parse(sparkline([1, 2, null, 3, null, 4, 5], { label: "x" }));
    const d = svg.querySelector("path")!.getAttribute("d")!;
    expect(d.match(/M/g)).toHaveLength(3);
    // The isolated 3 and the last value 5 are dotted.
    expect(svg.querySelectorAll("circle")).toHaveLength(2);
  });

  test("sparkline([value]) dots a single value in the middle", () => {
    const svg = parse(sparkline([7], { label: "x", width: 50, height: 10 }));
    const circle = svg.querySelector("circle")!;
    expect(circle.getAttribute("cx")).toBe("25");
    expect(circle.getAttribute("cy")).toBe("5");
  });

  test("sparkline(values, {label with markup}) escapes the label", () => {
    const markup = sparkline([1, 2], { label: 'A & B <C> "D"' });
    expect(markup).not.toContain("<C>");
    expect(parse(markup).getAttribute("aria-label")).toBe('A & B <C> "D"');
  });
});
