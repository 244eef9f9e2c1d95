import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { barChart } from "./barChart.js";

function parse(markup: string): Element {
  const { document } = parseHTML(`<html><body>${markup}</body></html>`);
  return document.querySelector("svg")!;
}

// What axe's "aria-prohibited-attr" rule checks: aria-label is only allowed on the SVG root and
// on links, unless the element is hidden from assistive technology.
function misplacedAriaLabels(svg: Element): Element[] {
  return Array.from(svg.querySelectorAll("[aria-label]")).filter(
    (element) => element.localName !== "a" && element.closest('[aria-hidden="true"]') === null,
  );
}

const industries = [
  { label: "Human health and social work activities", value: 12345 },
  { label: "Manufacturing", value: 8000, highlight: true },
  { label: "Wholesale and retail trade; repair of motor vehicles and motorcycles", value: 6000 },
  { label: "Mining and quarrying", value: 0 },
];

describe("barChart", () => {
  test("barChart(options) draws one bar per item", () => {
    const svg = parse(barChart({ title: "Employment by industry", bars: industries }));
    expect(svg.querySelectorAll("rect")).toHaveLength(4);
    expect(svg.querySelectorAll("g.placefirst-bar-chart__bar")).toHaveLength(4);
  });

  test("barChart(options) makes bar widths proportional to values, zero giving zero width", () => {
    const svg = parse(barChart({ title: "Jobs", bars: industries }));
    const widths = Array.from(svg.querySelectorAll("rect"), (rect) =>
      Number(rect.getAttribute("width")),
    );
    expect(Math.max(...widths)).toBe(widths[0]);
    expect(widths[1]! / widths[0]!).toBeCloseTo(8000 / 12345, 3);
    expect(widths[2]! / widths[0]!).toBeCloseTo(6000 / 12345, 3);
    expect(widths[3]).toBe(0);
    const lefts = Array.from(svg.querySelectorAll("rect"), (rect) => rect.getAttribute("x"));
    expect(new Set(lefts).size).toBe(1);
  });

  test("barChart(options) keeps every bar and value inside the viewBox", () => {
    const width = 360;
    const svg = parse(barChart({ title: "Jobs", bars: industries, width }));
    for (const rect of Array.from(svg.querySelectorAll("rect"))) {
      const right = Number(rect.getAttribute("x")) + Number(rect.getAttribute("width"));
      expect(right).toBeLessThanOrEqual(width);
    }
    expect(svg.getAttribute("viewBox")).toBe(`0 0 ${width} ${4 * 28 + 8}`);
    expect(svg.getAttribute("width")).toBe("100%");
  });

  test("barChart(options) formats values with thousands separators", () => {
    const svg = parse(barChart({ title: "Jobs", bars: industries, unit: "jobs" }));
    const texts = Array.from(svg.querySelectorAll("text"), (text) => text.textContent);
    expect(texts).toContain("12,345");
    expect(svg.getAttribute("aria-label")).toContain(
      "Human health and social work activities 12,345 jobs",
    );
  });

  test('barChart(options with unit "£") shows the pound sign on the bars', () => {
    const svg = parse(barChart({ title: "Spend", bars: [{ label: "A", value: 1500 }], unit: "£" }));
    const texts = Array.from(svg.querySelectorAll("text"), (text) => text.textContent);
    expect(texts).toContain("£1,500");
  });

  test("barChart(options) cuts long labels short with an ellipsis and keeps the full name in a title", () => {
    const svg = parse(barChart({ title: "Jobs", bars: industries, width: 400 }));
    const bar = svg.querySelectorAll("g.placefirst-bar-chart__bar")[2]!;
    const label = bar.querySelector("text")!.textContent!;
    expect(label.endsWith("…")).toBe(true);
    expect(label.length).toBeLessThan(industries[2]!.label.length);
    expect(bar.querySelector("title")!.textContent).toBe(
      "Wholesale and retail trade; repair of motor vehicles and motorcycles: 6,000",
    );
  });

  test("barChart(options) picks out highlighted bars by colour and a bold label", () => {
    const svg = parse(barChart({ title: "Jobs", bars: industries }));
    const rects = Array.from(svg.querySelectorAll("rect"));
    expect(rects[1]!.getAttribute("fill")).not.toBe(rects[0]!.getAttribute("fill"));
    const bars = svg.querySelectorAll("g.placefirst-bar-chart__bar");
    expect(bars[1]!.querySelector("text")!.getAttribute("font-weight")).toBe("bold");
    expect(bars[0]!.querySelector("text")!.getAttribute("font-weight")).toBeNull();
  });

  test("barChart(options) is an img with a title, a description and a text alternative", () => {
    const svg = parse(barChart({ title: "Employment by industry", bars: industries }));
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toMatch(/^Employment by industry: Human health/);
    expect(svg.querySelector("title")!.textContent).toBe("Employment by industry");
    expect(svg.querySelector("desc")!.textContent).toContain("Manufacturing 8,000");
  });

  test("barChart(many bars) summarises the largest and smallest in the text alternative", () => {
    const bars = Array.from({ length: 12 }, (_, index) => ({
      label: `S${index}`,
      value: index * 10,
    }));
    const svg = parse(barChart({ title: "Jobs", bars }));
    expect(svg.getAttribute("aria-label")).toBe("Jobs: 12 categories, from S11 110 to S0 0.");
  });

  test("barChart(negative values) draws them left of a zero line", () => {
    const svg = parse(
      barChart({
        title: "Change",
        bars: [
          { label: "Up", value: 50 },
          { label: "Down", value: -25 },
        ],
      }),
    );
    const [up, down] = Array.from(svg.querySelectorAll("rect"));
    const zero = Number(svg.querySelector("line")!.getAttribute("x1"));
    const upLeft = Number(up!.getAttribute("x"));
    const downRight = Number(down!.getAttribute("x")) + Number(down!.getAttribute("width"));
    // Coordinates are rounded to hundredths.
    expect(Math.abs(upLeft - zero)).toBeLessThan(0.02);
    expect(Math.abs(downRight - zero)).toBeLessThan(0.02);
    const ratio = Number(down!.getAttribute("width")) / Number(up!.getAttribute("width"));
    expect(ratio).toBeCloseTo(0.5, 3);
  });

  test("barChart(names with markup) escapes them", () => {
    const markup = barChart({ title: "A & B", bars: [{ label: "Tom & Jerry <Ltd>", value: 3 }] });
    expect(markup).not.toContain("<Ltd>");
    const svg = parse(markup);
    expect(svg.querySelector("g title")!.textContent).toBe("Tom & Jerry <Ltd>: 3");
    expect(svg.getAttribute("aria-label")).toBe("A & B: Tom & Jerry <Ltd> 3.");
  });

  test("barChart(no bars) is an empty chart that says so", () => {
    const svg = parse(barChart({ title: "Jobs", bars: [] }));
    expect(svg.querySelectorAll("rect")).toHaveLength(0);
    expect(svg.getAttribute("aria-label")).toBe("Jobs: no data.");
  });
  test("barChart(options) names only the root", () => {
    const svg = parse(barChart({ title: "Jobs", bars: industries }));
    expect(misplacedAriaLabels(svg)).toEqual([]);
  });
});
