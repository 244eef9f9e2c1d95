import { describe, expect, test } from "vitest";
import { growHexClusters } from "./growHexClusters.js";
import { hexGrid } from "./hexGrid.js";
import { Random } from "./random.js";

function isContiguous(hexes: readonly { q: number; r: number }[]): boolean {
  const cells = new Set(hexes.map(hexGrid.key));
  const first = hexes[0];
  if (first === undefined) return true;
  const seen = new Set([hexGrid.key(first)]);
  const queue = [first];
  for (let index = 0; index < queue.length; index += 1) {
    for (const next of hexGrid.neighbours(queue[index] as { q: number; r: number })) {
      const key = hexGrid.key(next);
      if (cells.has(key) && !seen.has(key)) {
        seen.add(key);
        queue.push(next);
      }
    }
  }
  return seen.size === cells.size;
}

describe("growHexClusters", () => {
  test("growHexClusters([]) returns no clusters", () => {
    expect(growHexClusters([])).toEqual([]);
  });

  test("growHexClusters([one]) grows a single hexagon at the hexagon nearest the target", () => {
    expect(growHexClusters([{ size: 1, target: { x: 2.1, y: 0 } }])).toEqual([[{ q: 2, r: 0 }]]);
  });

  test("growHexClusters(requests) grows a compact first cluster: seven make a hexagon and ring", () => {
    const [cluster] = growHexClusters([{ size: 7, target: { x: 0, y: 0 } }]);
    const keys = (cluster ?? []).map(hexGrid.key).sort();
    const expected = [{ q: 0, r: 0 }, ...hexGrid.ring({ q: 0, r: 0 }, 1)].map(hexGrid.key).sort();
    expect(keys).toEqual(expected);
  });

  test("growHexClusters(requests) gives every cluster its size, contiguous and without overlaps", () => {
    const random = new Random(3);
    for (let trial = 0; trial < 20; trial += 1) {
      const requests = Array.from({ length: random.integer(2, 16) }, () => ({
        size: random.integer(1, 30),
        target: { x: random.uniform(-12, 12), y: random.uniform(-12, 12) },
      }));
      const clusters = growHexClusters(requests);
      const all = clusters.flat().map(hexGrid.key);
      expect(new Set(all).size).toBe(all.length);
      clusters.forEach((cluster, index) => {
        expect(cluster).toHaveLength((requests[index] as { size: number }).size);
        expect(isContiguous(cluster)).toBe(true);
      });
      // Each cluster after the first starts next to those before it, so the whole is connected.
      expect(isContiguous(clusters.flat())).toBe(true);
    }
  });

  test("growHexClusters(requests) is deterministic", () => {
    const requests = [
      { size: 20, target: { x: 0, y: 0 } },
      { size: 9, target: { x: 5, y: 1 } },
      { size: 12, target: { x: -4, y: 3 } },
    ];
    expect(growHexClusters(requests)).toEqual(growHexClusters(requests));
  });

  test("growHexClusters(requests) throws on a size that is not a positive integer", () => {
    expect(() => growHexClusters([{ size: 0, target: { x: 0, y: 0 } }])).toThrow(RangeError);
    expect(() => growHexClusters([{ size: 1.5, target: { x: 0, y: 0 } }])).toThrow(RangeError);
  });
});
