import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { lineChart } from "./lineChart.js";
import type { LineChartPoint } from "./lineChart.js";

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

const years = Array.from({ length: 10 }, (_, index) => String(2015 + index));
const town: LineChartPoint[] = years.map((period, index) => ({
  period,
  value: index === 9 ? 24100 : 21300 + index * 250,
}));
const region: LineChartPoint[] = years.map((period, index) => ({
  period,
  value: 23000 + index * 120,
}));

function linePaths(svg: Element): Element[] {
  return Array.from(svg.querySelectorAll('g[aria-label="line"] path'));
}

describe("lineChart", () => {
  test("lineChart(options) draws one path per series", () => {
    const svg = parse(
      lineChart({
        title: "GVA per head",
        unit: "£",
        series: [
          { label: "Demo Town", points: town },
          { label: "North East", points: region },
        ],
      }),
    );
    expect(linePaths(svg)).toHaveLength(2);
    for (const path of linePaths(svg)) expect(path.getAttribute("d")!.match(/M/g)).toHaveLength(1);
  });

  test("lineChart(options) names the chart with the first and last values", () => {
    const svg = parse(
      lineChart({
        title: "GVA per head",
        unit: "£",
        series: [{ label: "Demo Town", points: town }],
      }),
    );
    const label = "GVA per head, Demo Town, 2015 to 2024: from £21,300 to £24,100.";
    expect(svg.getAttribute("aria-label")).toBe(label);
    expect(svg.querySelector("title")!.textContent).toBe(label);
    expect(svg.firstElementChild!.localName).toBe("title");
    expect(svg.querySelector("desc")!.textContent).toBe(
      "Line chart of 1 series over 10 periods. Lowest: £21,300 (Demo Town, 2015); highest: £24,100 (Demo Town, 2024).",
    );
    expect(svg.getAttribute("aria-description")).toBe(svg.querySelector("desc")!.textContent);
  });

  test("lineChart(options with a comparison) describes each series in the text alternative", () => {
    const svg = parse(
      lineChart({
        title: "GVA per head",
        unit: "£",
        series: [
          { label: "Demo Town", points: town },
          { label: "North East", points: region },
        ],
      }),
    );
    expect(svg.getAttribute("aria-label")).toBe(
      "GVA per head, Demo Town, 2015 to 2024: from £21,300 to £24,100; North East, 2015 to 2024: from £23,000 to £24,080.",
    );
  });

  test("lineChart(options) is a standalone, responsive img with no styles or inline fonts", () => {
    const markup = lineChart({ title: "Jobs", series: [{ label: "Demo Town", points: town }] });
    expect(markup.startsWith("<svg")).toBe(true);
    expect(markup.endsWith("</svg>")).toBe(true);
    const svg = parse(markup);
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(svg.getAttribute("viewBox")).toBe("0 0 320 180");
    expect(svg.getAttribute("width")).toBe("100%");
    expect(svg.getAttribute("height")).toBeNull();
    expect(svg.getAttribute("color")).toBe("#0b0c0c");
    expect(svg.querySelector("style")).toBeNull();
    expect(markup).not.toContain("style=");
    expect(svg.querySelectorAll("[id]")).toHaveLength(0);
  });

  test("lineChart(series with a null) leaves a gap in the line", () => {
    const points = town.map((point, index) => (index === 4 ? { ...point, value: null } : point));
    const svg = parse(lineChart({ title: "Jobs", series: [{ label: "Demo Town", points }] }));
    const paths = linePaths(svg);
    expect(paths).toHaveLength(1);
    const d = paths[0]!.getAttribute("d")!;
    expect(d.indexOf("M", 1)).toBeGreaterThan(0);
    expect(svg.getAttribute("aria-label")).toContain("(some periods missing)");
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(9);
  });

  test("lineChart(series starting with nulls) describes the first and last periods with values", () => {
    const points = [
      { period: "2019-20", value: null },
      { period: "2020-21", value: 4.5 },
      { period: "2021-22", value: 4.1 },
      { period: "2022-23", value: null },
    ];
    const svg = parse(
      lineChart({ title: "Emissions", unit: "tCO2e", series: [{ label: "Demo Town", points }] }),
    );
    expect(svg.getAttribute("aria-label")).toBe(
      "Emissions, Demo Town, 2020-21 to 2021-22: from 4.5 tCO2e to 4.1 tCO2e.",
    );
  });

  test("lineChart(options) draws series in different colours and dash styles", () => {
    const svg = parse(
      lineChart({
        title: "GVA per head",
        series: [
          { label: "Demo Town", points: town },
          { label: "North East", points: region },
          { label: "England", points: region.map((p) => ({ ...p, value: p.value! + 500 })) },
        ],
      }),
    );
    const groups = Array.from(svg.querySelectorAll('g[aria-label="line"]'));
    expect(groups.map((g) => g.getAttribute("stroke"))).toEqual(["#1d70b8", "#f47738", "#505a5f"]);
    const dashes = groups.map((g) => g.getAttribute("stroke-dasharray"));
    expect(new Set(dashes).size).toBe(3);
    // A key names the series below the chart.
    const key = svg.querySelector("g.placefirst-line-chart__key")!;
    expect(Array.from(key.querySelectorAll("text"), (t) => t.textContent)).toEqual([
      "Demo Town",
      "North East",
      "England",
    ]);
    expect(svg.getAttribute("viewBox")).not.toBe("0 0 320 180");
  });

  test("lineChart(points with bounds) draws a band", () => {
    const points = town.map((point) => ({
      ...point,
      lower: point.value! - 400,
      upper: point.value! + 400,
    }));
    const svg = parse(lineChart({ title: "GVA", series: [{ label: "Demo Town", points }] }));
    expect(svg.querySelectorAll('g[aria-label="area"] path')).toHaveLength(1);
  });

  test("lineChart(financial years) keeps periods in the order given and labels the latest", () => {
    const periods = [
      "2015-16",
      "2016-17",
      "2017-18",
      "2018-19",
      "2019-20",
      "2020-21",
      "2021-22",
      "2022-23",
      "2023-24",
      "2024-25",
      "2025-26",
    ];
    const points = periods.map((period, index) => ({ period, value: index }));
    const svg = parse(lineChart({ title: "X", series: [{ label: "Demo Town", points }] }));
    const ticks = Array.from(
      svg.querySelectorAll('g[aria-label="period axis tick label"] text'),
      (t) => t.textContent!,
    );
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.length).toBeLessThan(periods.length);
    expect(ticks[ticks.length - 1]).toBe("2025-26");
    expect([...ticks].sort()).toEqual(ticks);
  });

  test("lineChart(options) escapes titles and labels", () => {
    const markup = lineChart({
      title: "Pay & conditions <draft>",
      series: [{ label: 'Town "A" & <B>', points: town }],
    });
    expect(markup).not.toContain("<draft>");
    expect(markup).not.toContain("<B>");
    expect(markup).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    expect(parse(markup).getAttribute("aria-label")).toMatch(
      /^Pay & conditions <draft>, Town "A" & <B>, /,
    );
  });

  test("lineChart(series with no values) renders a named chart saying there is no data", () => {
    const points = years.map((period) => ({ period, value: null }));
    const svg = parse(lineChart({ title: "Jobs", series: [{ label: "Demo Town", points }] }));
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Jobs, Demo Town: no data.");
    expect(svg.querySelector("text")!.textContent).toBe("No data");
  });

  test("lineChart(one point) draws it as a dot", () => {
    const svg = parse(
      lineChart({
        title: "Jobs",
        series: [{ label: "Demo Town", points: [{ period: "2024", value: 5 }] }],
      }),
    );
    expect(svg.getAttribute("aria-label")).toBe("Jobs, Demo Town, 2024: 5.");
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(1);
  });

  test("lineChart(options with a unit in words) writes the unit above the axis", () => {
    const svg = parse(
      lineChart({
        title: "Emissions",
        unit: "tCO2e per person",
        series: [{ label: "Demo Town", points: town }],
      }),
    );
    expect(svg.querySelector('g[aria-label="value axis label"] text')!.textContent).toBe(
      "tCO2e per person",
    );
  });
  test("lineChart(options) hides Plot's labelled groups so that only the root is named", () => {
    const svg = parse(
      lineChart({
        title: "GVA per head",
        series: [
          { label: "Demo Town", points: town },
          { label: "North East", points: region },
        ],
      }),
    );
    expect(misplacedAriaLabels(svg)).toEqual([]);
    expect(svg.querySelectorAll('g[aria-label="dot"] [aria-label]').length).toBeGreaterThan(0);
    for (const child of Array.from(svg.children)) {
      if (child.localName === "title" || child.localName === "desc") continue;
      expect(child.getAttribute("aria-hidden")).toBe("true");
    }
  });
});
