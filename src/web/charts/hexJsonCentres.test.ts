import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { hexJsonCentres } from "./hexJsonCentres.js";
import type { HexJson, HexJsonLayout } from "./hexJsonCentres.js";

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

// A block of hexes from q = -2..2 and r = -2..2, to cover negative parities.
function block(layout: HexJsonLayout): HexJson {
  const hexes: Record<string, { q: number; r: number }> = {};
  for (let q = -2; q <= 2; q += 1) for (let r = -2; r <= 2; r += 1) hexes[`${q},${r}`] = { q, r };
  return { layout, hexes };
}

function centre(layout: HexJson, code: string, size = 1): { x: number; y: number } {
  const found = hexJsonCentres(layout, size).find((hex) => hex.code === code);
  if (found === undefined) throw new Error(`no hex ${code}`);
  return found;
}

const width = Math.sqrt(3);

describe("hexJsonCentres", () => {
  test('hexJsonCentres({layout: "odd-r"}) shifts odd rows right by half a hex and puts higher rows above', () => {
    const layout = block("odd-r");
    expect(centre(layout, "0,1").x - centre(layout, "0,0").x).toBeCloseTo(width / 2);
    expect(centre(layout, "0,-1").x - centre(layout, "0,0").x).toBeCloseTo(width / 2);
    expect(centre(layout, "0,1").y).toBeCloseTo(centre(layout, "0,0").y - 1.5);
    expect(centre(layout, "1,0").x - centre(layout, "0,0").x).toBeCloseTo(width);
  });

  test('hexJsonCentres({layout: "even-r"}) shifts even rows right by half a hex', () => {
    const layout = block("even-r");
    expect(centre(layout, "0,0").x - centre(layout, "0,1").x).toBeCloseTo(width / 2);
    expect(centre(layout, "0,-2").x - centre(layout, "0,-1").x).toBeCloseTo(width / 2);
  });

  test('hexJsonCentres({layout: "odd-q"}) shifts odd columns up by half a hex', () => {
    const layout = block("odd-q");
    expect(centre(layout, "1,0").y - centre(layout, "0,0").y).toBeCloseTo(-width / 2);
    expect(centre(layout, "-1,0").y - centre(layout, "0,0").y).toBeCloseTo(-width / 2);
    expect(centre(layout, "1,0").x - centre(layout, "0,0").x).toBeCloseTo(1.5);
    expect(centre(layout, "0,1").y - centre(layout, "0,0").y).toBeCloseTo(-width);
  });

  test('hexJsonCentres({layout: "even-q"}) shifts even columns up by half a hex', () => {
    const layout = block("even-q");
    expect(centre(layout, "0,0").y - centre(layout, "1,0").y).toBeCloseTo(-width / 2);
  });

  test("hexJsonCentres(layout, size) scales with the hex size", () => {
    const layout = block("odd-r");
    expect(centre(layout, "2,0", 10).x).toBeCloseTo(10 * centre(layout, "2,0").x);
  });

  for (const kind of ["odd-r", "even-r", "odd-q", "even-q"] as const) {
    test(`hexJsonCentres({layout: "${kind}"}) packs hexes edge to edge without overlap`, () => {
      const centres = hexJsonCentres(block(kind), 1);
      let closest = Infinity;
      const counts = centres.map(() => 0);
      centres.forEach((a, i) => {
        centres.forEach((b, j) => {
          if (i === j) return;
          const distance = Math.hypot(a.x - b.x, a.y - b.y);
          closest = Math.min(closest, distance);
          if (Math.abs(distance - width) < 1e-9) counts[i]! += 1;
        });
      });
      expect(closest).toBeCloseTo(width, 9);
      // A hex in the middle of the block touches six others.
      expect(Math.max(...counts)).toBe(6);
    });
  }

  test("hexJsonCentres(layout with a bad layout name) throws an InputError", () => {
    const layout = { layout: "odd-x", hexes: {} } as unknown as HexJson;
    expect(() => hexJsonCentres(layout)).toThrow(InputError);
  });

  test("hexJsonCentres(layout with a fractional row) throws an InputError naming the hex", () => {
    const layout: HexJson = { layout: "odd-r", hexes: { E1: { q: 0, r: 0.5 } } };
    expect(() => hexJsonCentres(layout)).toThrow(/hexes\.E1/);
  });

  test.skipIf(!ukAvailable)(
    "hexJsonCentres(UK local authority districts) puts Shetland at the top and Cornwall at the bottom left",
    () => {
      const layout = JSON.parse(readFileSync(ukPath, "utf8")) as HexJson;
      const centres = hexJsonCentres(layout, 1);
      expect(centres).toHaveLength(361);
      const ys = centres.map((hex) => hex.y);
      const xs = centres.map((hex) => hex.x);
      const top = Math.min(...ys);
      const bottom = Math.max(...ys);
      const left = Math.min(...xs);
      const right = Math.max(...xs);
      const shetland = centres.find((hex) => hex.code === "S12000027")!;
      const cornwall = centres.find((hex) => hex.code === "E06000052")!;
      expect(shetland.y).toBe(top);
      expect(cornwall.y).toBeGreaterThan(top + 0.9 * (bottom - top));
      expect(cornwall.x).toBeLessThan(left + 0.25 * (right - left));
    },
  );
});
