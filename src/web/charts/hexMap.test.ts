import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { colourScale } from "./colourScale.js";
import { hexMap } from "./hexMap.js";
import type { HexJson } from "./hexJsonCentres.js";

const ukPath = fileURLToPath(
  new URL(
    "../../../../shared/data/geography/uk-local-authority-districts-2023.hexjson",
    import.meta.url,
  ),
);
const ukAvailable = existsSync(ukPath);
if (!ukAvailable) {
  console.warn(
    "Skipping the UK hex map tests: ../shared/data/geography is absent (see DESIGN.md, Data).",
  );
}

function parse(markup: string): Element {
  const { document } = parseHTML(`<html><body>${markup}</body></html>`);
  return document.querySelector("svg")!;
}

// The starting corner of a hex path ("M x,y l..."), and so its centre for a pointy-top hex.
function hexCentre(path: Element, size: number): { x: number; y: number } {
  const match = /^M(-?[\d.]+),(-?[\d.]+)/.exec(path.getAttribute("d")!)!;
  return { x: Number(match[1]), y: Number(match[2]) + size };
}

// What axe's "aria-prohibited-attr" rule checks: aria-label is only allowed on the SVG root and
// on links, unless the element is hidden from assistive technology.
function misplacedAriaLabels(svg: Element): Element[] {
  return Array.from(svg.querySelectorAll("[aria-label]")).filter(
    (element) => element.localName !== "a" && element.closest('[aria-hidden="true"]') === null,
  );
}

const small: HexJson = {
  layout: "odd-r",
  hexes: {
    E1: { n: "A & B <C>", q: 0, r: 0 },
    E2: { n: "Bradford", q: 1, r: 0 },
    E3: { n: "Calderdale", q: 0, r: 1 },
    E4: { q: 1, r: 1 },
  },
};

describe("hexMap", () => {
  test("hexMap(options) draws one hex per entry in the layout", () => {
    const svg = parse(hexMap({ layout: small, title: "Four places" }));
    expect(svg.querySelectorAll("path.placefirst-hexmap__hex")).toHaveLength(4);
  });

  test("hexMap(options without href) is one img with no links", () => {
    const svg = parse(hexMap({ layout: small, title: "Four places" }));
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Four places");
    expect(svg.querySelector("title")!.textContent).toBe("Four places");
    expect(svg.querySelectorAll("a")).toHaveLength(0);
  });

  test("hexMap(options with href) makes each hex a link named by the hex's name", () => {
    const svg = parse(
      hexMap({
        layout: small,
        title: "Four places",
        href: (code) => (code === "E2" ? undefined : `/places/${code}?view=map&year=2024`),
      }),
    );
    expect(svg.getAttribute("role")).toBe("group");
    const links = Array.from(svg.querySelectorAll("a"));
    expect(links).toHaveLength(3);
    expect(links[0]!.getAttribute("href")).toBe("/places/E1?view=map&year=2024");
    // Links are named by their <title> (an aria-label would fail "label in name" next to the
    // abbreviation drawn in the hex).
    expect(links.map((link) => link.getAttribute("aria-label"))).toEqual([null, null, null]);
    expect(links.map((link) => link.querySelector("title")?.textContent)).toEqual([
      "A & B <C>",
      "Calderdale",
      "E4",
    ]);
    for (const link of links)
      expect(link.querySelector("path.placefirst-hexmap__hex")).not.toBeNull();
  });

  test("hexMap(names with markup) escapes them", () => {
    const markup = hexMap({
      layout: small,
      title: "Fish & chips <shops>",
      href: (code) => `/p/${code}`,
    });
    expect(markup).not.toContain("<C>");
    expect(markup).not.toContain("<shops>");
    expect(markup).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    const svg = parse(markup);
    expect(svg.getAttribute("aria-label")).toBe("Fish & chips <shops>");
    expect(svg.querySelector("a title")!.textContent).toBe("A & B <C>");
  });

  test("hexMap(options with label) uses it for each hex's tooltip", () => {
    const svg = parse(hexMap({ layout: small, title: "T", label: (code) => `${code}: 72.3%` }));
    const titles = Array.from(
      svg.querySelectorAll("g.placefirst-hexmap__area > title"),
      (t) => t.textContent,
    );
    expect(titles).toEqual(["E1: 72.3%", "E2: 72.3%", "E3: 72.3%", "E4: 72.3%"]);
  });

  test("hexMap(few hexes) writes short labels in a colour that contrasts with the fill", () => {
    const svg = parse(
      hexMap({
        layout: small,
        title: "T",
        fill: (code) => (code === "E1" ? "#08519c" : "#eff3ff"),
      }),
    );
    const texts = Array.from(svg.querySelectorAll("text"));
    expect(texts.map((text) => text.textContent)).toEqual(["A &", "Bra", "Cal", "E4"]);
    expect(texts[0]!.getAttribute("fill")).toBe("#ffffff");
    expect(texts[1]!.getAttribute("fill")).toBe("#0b0c0c");
  });

  test("hexMap(options with showLabels false) writes no labels", () => {
    const svg = parse(hexMap({ layout: small, title: "T", showLabels: false }));
    expect(svg.querySelectorAll("text")).toHaveLength(0);
  });

  test("hexMap(options with shortLabel) cuts a label too wide for its hex", () => {
    const svg = parse(
      hexMap({ layout: small, title: "T", shortLabel: () => "Kingston upon Hull" }),
    );
    const text = svg.querySelector("text")!.textContent!;
    expect(text.endsWith("…")).toBe(true);
    expect(text.length).toBeLessThan(8);
  });

  test("hexMap(options with a colour scale) fills hexes and marks those without a value", () => {
    const scale = colourScale(
      new Map([
        ["E1", 1],
        ["E2", 2],
        ["E3", undefined],
        ["E4", 4],
      ]),
    );
    const svg = parse(
      hexMap({ layout: small, title: "T", fill: scale.fill, hasValue: scale.hasValue }),
    );
    const fills = Array.from(svg.querySelectorAll("path.placefirst-hexmap__hex"), (path) =>
      path.getAttribute("fill"),
    );
    expect(fills[2]).toBe("#f3f2f1");
    expect(fills[0]).toBe("#eff3ff");
    expect(fills[3]).toBe("#08519c");
    const areas = svg.querySelectorAll("g.placefirst-hexmap__area");
    expect(areas[2]!.querySelector("line")).not.toBeNull();
    expect(areas[0]!.querySelector("line")).toBeNull();
  });

  test("hexMap(options with highlight) outlines the highlighted hexes on top", () => {
    const svg = parse(hexMap({ layout: small, title: "T", highlight: (code) => code === "E3" }));
    const outline = svg.querySelector("path.placefirst-hexmap__highlight")!;
    expect(outline.getAttribute("d")!.match(/M/g)).toHaveLength(1);
    expect(svg.lastElementChild).toBe(outline);
  });

  test("hexMap(options) fits every hex inside the viewBox with a margin", () => {
    const size = 10;
    const svg = parse(hexMap({ layout: small, title: "T", hexSize: size }));
    const [left, top, width, height] = svg.getAttribute("viewBox")!.split(" ").map(Number);
    expect(svg.getAttribute("width")).toBe("100%");
    for (const path of Array.from(svg.querySelectorAll("path.placefirst-hexmap__hex"))) {
      const { x, y } = hexCentre(path, size);
      const halfWidth = (Math.sqrt(3) / 2) * size;
      expect(x - halfWidth).toBeGreaterThan(left!);
      expect(x + halfWidth).toBeLessThan(left! + width!);
      expect(y - size).toBeGreaterThan(top!);
      expect(y + size).toBeLessThan(top! + height!);
    }
  });

  test("hexMap(flat-top layout) draws flat-top hexes inside the viewBox", () => {
    const layout: HexJson = { layout: "odd-q", hexes: { A: { q: 0, r: 0 }, B: { q: 1, r: 0 } } };
    const svg = parse(hexMap({ layout, title: "T", hexSize: 10 }));
    const d = svg.querySelector("path.placefirst-hexmap__hex")!.getAttribute("d")!;
    // A flat-top hex starts at its left corner and its first edge rises to the right.
    expect(d).toMatch(/^M-10,0l5,-8\.66/);
  });

  test("hexMap(empty layout) renders an empty, named map", () => {
    const svg = parse(hexMap({ layout: { layout: "odd-r", hexes: {} }, title: "Nothing" }));
    expect(svg.getAttribute("aria-label")).toBe("Nothing");
    expect(svg.querySelectorAll("path")).toHaveLength(0);
  });

  test.skipIf(!ukAvailable)(
    "hexMap(UK local authority districts) puts Shetland above Cornwall, with no hexes overlapping",
    () => {
      const layout = JSON.parse(readFileSync(ukPath, "utf8")) as HexJson;
      const size = 10;
      const svg = parse(
        hexMap({ layout, title: "UK", hexSize: size, href: (code) => `/places/${code}` }),
      );
      const paths = Array.from(svg.querySelectorAll("path.placefirst-hexmap__hex"));
      expect(paths).toHaveLength(Object.keys(layout.hexes).length);
      expect(svg.querySelectorAll("text")).toHaveLength(0);
      const centreOf = (name: string): { x: number; y: number } => {
        const link = Array.from(svg.querySelectorAll("a")).find(
          (element) => element.querySelector("title")?.textContent === name,
        );
        return hexCentre(link!.querySelector("path")!, size);
      };
      const shetland = centreOf("Shetland Islands");
      const cornwall = centreOf("Cornwall");
      expect(shetland.y).toBeLessThan(cornwall.y);
      const centres = paths.map((path) => hexCentre(path, size));
      const top = Math.min(...centres.map((c) => c.y));
      expect(shetland.y).toBe(top);
      const left = Math.min(...centres.map((c) => c.x));
      const right = Math.max(...centres.map((c) => c.x));
      expect(cornwall.x).toBeLessThan(left + (right - left) / 4);
      // Neighbouring hexes touch but never overlap: centres are at least a hex width apart.
      const hexWidth = Math.sqrt(3) * size;
      let closest = Infinity;
      for (let i = 0; i < centres.length; i += 1) {
        for (let j = i + 1; j < centres.length; j += 1) {
          const distance = Math.hypot(centres[i]!.x - centres[j]!.x, centres[i]!.y - centres[j]!.y);
          if (distance < closest) closest = distance;
        }
      }
      expect(closest).toBeGreaterThanOrEqual(hexWidth - 0.02);
    },
  );
  test("hexMap(options) names only the root and the links", () => {
    const svg = parse(
      hexMap({ layout: small, title: "T", href: (code) => `/p/${code}`, highlight: () => true }),
    );
    expect(misplacedAriaLabels(svg)).toEqual([]);
  });
});
