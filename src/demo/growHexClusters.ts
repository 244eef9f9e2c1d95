import { hexGrid } from "./hexGrid.js";

/** One cluster to grow: how many hexagons and where it would like to be. */
export interface HexClusterRequest {
  /** The number of hexagons, at least 1. */
  size: number;
  /** The point the cluster is drawn towards, in the units of `hexGrid.toPoint`. */
  target: { x: number; y: number };
}

/**
 * Grows contiguous clusters of hexagons on an unbounded grid, one after another, each from a
 * free hexagon on the edge of what is already placed and towards its target, preferring
 * hexagons with many neighbours already in the cluster so that clusters stay compact.
 *
 * Every cluster is contiguous, and none is ever trapped: each starts on a free hexagon
 * connected to the unbounded outside, and a cluster that touches the outside still touches it
 * after taking any neighbouring hexagon (the path from that hexagon to the outside starts at
 * one of its free neighbours). The result is deterministic: ties go to the lower row, then
 * the lower column.
 *
 * @param requests the clusters, in the order they are grown.
 * @returns for each request, its hexagons in axial coordinates, in the order taken.
 */
export function growHexClusters(
  requests: readonly HexClusterRequest[],
): { q: number; r: number }[][] {
  const taken = new Set<string>();
  const clusters: { q: number; r: number }[][] = [];
  for (const request of requests) {
    if (!Number.isInteger(request.size) || request.size < 1) {
      throw new RangeError(`growHexClusters: a cluster's size must be a positive integer`);
    }
    const start = taken.size === 0 ? nearestHex(request.target) : startHex(taken, request.target);
    const cluster = [start];
    const own = new Set([hexGrid.key(start)]);
    taken.add(hexGrid.key(start));
    while (cluster.length < request.size) {
      let best: { q: number; r: number } | undefined;
      let bestScore = Number.POSITIVE_INFINITY;
      const seen = new Set<string>();
      for (const member of cluster) {
        for (const candidate of hexGrid.neighbours(member)) {
          const key = hexGrid.key(candidate);
          if (taken.has(key) || seen.has(key)) continue;
          seen.add(key);
          let ownNeighbours = 0;
          let otherNeighbours = 0;
          for (const around of hexGrid.neighbours(candidate)) {
            const aroundKey = hexGrid.key(around);
            if (own.has(aroundKey)) ownNeighbours += 1;
            else if (taken.has(aroundKey)) otherNeighbours += 1;
          }
          const score =
            distanceToPoint(candidate, request.target) -
            0.9 * ownNeighbours -
            0.3 * otherNeighbours;
          if (score < bestScore - 1e-9 || (score < bestScore + 1e-9 && isBefore(candidate, best))) {
            best = candidate;
            bestScore = Math.min(score, bestScore);
          }
        }
      }
      // The argument above guarantees a free neighbour; this guards against a broken invariant.
      if (best === undefined) throw new Error("growHexClusters: a cluster was enclosed");
      cluster.push(best);
      own.add(hexGrid.key(best));
      taken.add(hexGrid.key(best));
    }
    clusters.push(cluster);
  }
  return clusters;
}

function distanceToPoint(hex: { q: number; r: number }, point: { x: number; y: number }): number {
  const centre = hexGrid.toPoint(hex);
  return Math.hypot(centre.x - point.x, centre.y - point.y);
}

function isBefore(a: { q: number; r: number }, b: { q: number; r: number } | undefined): boolean {
  return b === undefined || a.r < b.r || (a.r === b.r && a.q < b.q);
}

function nearestHex(point: { x: number; y: number }): { q: number; r: number } {
  const r = Math.round((point.y * 2) / Math.sqrt(3));
  return { q: Math.round(point.x - r / 2), r };
}

// The free hexagon next to the placed ones, reachable from the unbounded outside, nearest the
// target. The outside is found by flooding the free hexagons of a box one wider than the placed
// ones, from its corner; the box's rim is all free and connected, so the flood reaches the
// whole outside within the box.
function startHex(taken: ReadonlySet<string>, target: { x: number; y: number }) {
  let minQ = Number.POSITIVE_INFINITY;
  let maxQ = Number.NEGATIVE_INFINITY;
  let minR = Number.POSITIVE_INFINITY;
  let maxR = Number.NEGATIVE_INFINITY;
  for (const key of taken) {
    const [q, r] = key.split(",").map(Number) as [number, number];
    minQ = Math.min(minQ, q);
    maxQ = Math.max(maxQ, q);
    minR = Math.min(minR, r);
    maxR = Math.max(maxR, r);
  }
  const inBox = (hex: { q: number; r: number }) =>
    hex.q >= minQ - 1 && hex.q <= maxQ + 1 && hex.r >= minR - 1 && hex.r <= maxR + 1;
  const corner = { q: minQ - 1, r: minR - 1 };
  const outside = new Set([hexGrid.key(corner)]);
  const queue = [corner];
  for (let index = 0; index < queue.length; index += 1) {
    for (const next of hexGrid.neighbours(queue[index] as { q: number; r: number })) {
      const key = hexGrid.key(next);
      if (!inBox(next) || taken.has(key) || outside.has(key)) continue;
      outside.add(key);
      queue.push(next);
    }
  }
  let best: { q: number; r: number } | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const key of outside) {
    const [q, r] = key.split(",").map(Number) as [number, number];
    const hex = { q, r };
    if (!hexGrid.neighbours(hex).some((around) => taken.has(hexGrid.key(around)))) continue;
    const distance = distanceToPoint(hex, target);
    if (distance < bestDistance - 1e-9 || (distance < bestDistance + 1e-9 && isBefore(hex, best))) {
      best = hex;
      bestDistance = Math.min(distance, bestDistance);
    }
  }
  if (best === undefined) throw new Error("growHexClusters: no free edge to start from");
  return best;
}
