import { describe, expect, test } from "vitest";
import { hexGrid } from "./hexGrid.js";

describe("hexGrid", () => {
  test("hexGrid.toOddR(hex) follows the odd-r worked example of Red Blob Games", () => {
    // https://www.redblobgames.com/grids/hexagons/#conversions-offset: axial (q, r) to odd-r
    // column q + (r - (r & 1)) / 2.
    expect(hexGrid.toOddR({ q: 0, r: 0 })).toEqual({ q: 0, r: 0 });
    expect(hexGrid.toOddR({ q: 0, r: 1 })).toEqual({ q: 0, r: 1 });
    expect(hexGrid.toOddR({ q: -1, r: 2 })).toEqual({ q: 0, r: 2 });
    expect(hexGrid.toOddR({ q: -1, r: 3 })).toEqual({ q: 0, r: 3 });
    expect(hexGrid.toOddR({ q: 2, r: -1 })).toEqual({ q: 1, r: -1 });
  });

  test("hexGrid.fromOddR(offset) inverts hexGrid.toOddR(hex), negative rows included", () => {
    for (let q = -4; q <= 4; q += 1) {
      for (let r = -5; r <= 5; r += 1) {
        expect(hexGrid.fromOddR(hexGrid.toOddR({ q, r }))).toEqual({ q, r });
      }
    }
  });

  test("hexGrid.neighbours(hex) gives six hexagons one step away and one unit apart", () => {
    const centre = { q: 2, r: -3 };
    const neighbours = hexGrid.neighbours(centre);
    expect(new Set(neighbours.map(hexGrid.key)).size).toBe(6);
    const point = hexGrid.toPoint(centre);
    for (const neighbour of neighbours) {
      expect(hexGrid.distance(centre, neighbour)).toBe(1);
      const other = hexGrid.toPoint(neighbour);
      expect(Math.hypot(other.x - point.x, other.y - point.y)).toBeCloseTo(1, 12);
    }
  });

  test("hexGrid.distance(a, b) counts steps, and is zero from a hexagon to itself", () => {
    expect(hexGrid.distance({ q: 0, r: 0 }, { q: 0, r: 0 })).toBe(0);
    expect(hexGrid.distance({ q: 0, r: 0 }, { q: 3, r: -1 })).toBe(3);
    expect(hexGrid.distance({ q: -2, r: 1 }, { q: 1, r: 1 })).toBe(3);
  });

  test("hexGrid.ring(centre, radius) gives 6 × radius hexagons at that distance, in order", () => {
    expect(hexGrid.ring({ q: 1, r: 1 }, 0)).toEqual([{ q: 1, r: 1 }]);
    for (const radius of [1, 2, 3]) {
      const ring = hexGrid.ring({ q: 0, r: 0 }, radius);
      expect(ring).toHaveLength(6 * radius);
      expect(new Set(ring.map(hexGrid.key)).size).toBe(6 * radius);
      ring.forEach((hex, index) => {
        expect(hexGrid.distance(hex, { q: 0, r: 0 })).toBe(radius);
        const next = ring[(index + 1) % ring.length] as { q: number; r: number };
        expect(hexGrid.distance(hex, next)).toBe(1);
      });
    }
  });
});
