import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { serializeSvg } from "./serializeSvg.js";

function build(markup: string): Element {
  const { document } = parseHTML(`<html><body>${markup}</body></html>`);
  return document.querySelector("svg")!;
}

describe("serializeSvg", () => {
  test("serializeSvg(svg) escapes attribute values and text that linkedom leaves raw", () => {
    const svg = build(`<svg><text>x</text></svg>`);
    svg.setAttribute("aria-label", `A & B <C> "D"`);
    svg.querySelector("text")!.textContent = "1 < 2 & 3";
    expect(serializeSvg(svg)).toBe(
      `<svg aria-label="A &amp; B &lt;C&gt; &quot;D&quot;"><text>1 &lt; 2 &amp; 3</text></svg>`,
    );
  });

  test("serializeSvg(svg, {attributes}) replaces and removes root attributes", () => {
    const svg = build(`<svg width="320" height="180" class="c"></svg>`);
    const markup = serializeSvg(svg, { attributes: { width: "100%", height: null, role: "img" } });
    const result = build(markup);
    expect(result.getAttribute("width")).toBe("100%");
    expect(result.getAttribute("height")).toBeNull();
    expect(result.getAttribute("role")).toBe("img");
    expect(result.getAttribute("class")).toBe("c");
  });

  test("serializeSvg(svg, {prepend, append, omit}) adds markup and leaves out named children", () => {
    const svg = build(`<svg><style>p{}</style><g></g></svg>`);
    const markup = serializeSvg(svg, {
      prepend: "<title>T</title>",
      append: "<desc>D</desc>",
      omit: ["style"],
    });
    expect(markup).toBe(`<svg><title>T</title><g/><desc>D</desc></svg>`);
  });

  test("serializeSvg(svg, {idPrefix}) prefixes ids and the references to them", () => {
    const svg = build(`<svg><g clip-path="url(#clip)"><use href="#clip"/></g></svg>`);
    // Built as Plot builds it, so that the element name keeps its case.
    const clip = svg.ownerDocument.createElementNS("http://www.w3.org/2000/svg", "clipPath");
    clip.setAttribute("id", "clip");
    svg.prepend(clip);
    const markup = serializeSvg(svg, { idPrefix: "chart1" });
    expect(markup).toContain(`id="chart1-clip"`);
    expect(markup).toContain(`clip-path="url(#chart1-clip)"`);
    expect(markup).toContain(`href="#chart1-clip"`);
    expect(markup).toContain("<clipPath");
  });

  test("serializeSvg(svg, {hideChildren}) hides every child of the root but its title and description", () => {
    const svg = build(
      `<svg><title>T</title><desc>D</desc><g aria-label="line"><path/></g><circle/></svg>`,
    );
    const result = build(serializeSvg(svg, { hideChildren: true }));
    expect(result.querySelector("title")!.getAttribute("aria-hidden")).toBeNull();
    expect(result.querySelector("desc")!.getAttribute("aria-hidden")).toBeNull();
    expect(result.querySelector("g")!.getAttribute("aria-hidden")).toBe("true");
    expect(result.querySelector("g")!.getAttribute("aria-label")).toBe("line");
    expect(result.querySelector("circle")!.getAttribute("aria-hidden")).toBe("true");
    expect(result.querySelector("path")!.getAttribute("aria-hidden")).toBeNull();
  });
});
