import { InputError } from "../../core/errors.js";
import type { Random } from "../../demo/index.js";

/** A district as the procurement demo takes it: the demo's districts, with or without a point. */
export interface ProcurementDemoDistrict {
  /** The district's place code, such as "X08000001". */
  code: string;
  /** The district's name. */
  name: string;
  /**
   * Whether the district is left behind (as the scorecard's lens flags it); default false. A
   * left-behind district has fewer suppliers in the register and wins a smaller share of the
   * region's awards.
   */
  leftBehind?: boolean;
  /** The district's centre, degrees north (WGS84); give both coordinates or neither. */
  latitude?: number;
  /** The district's centre, degrees east (WGS84); give both coordinates or neither. */
  longitude?: number;
}

/** A district's centre, given or invented. */
export interface DemoDistrictPoint {
  /** The district's place code. */
  placeCode: string;
  /** Degrees north (WGS84). */
  latitude: number;
  /** Degrees east (WGS84). */
  longitude: number;
}

// The invented layout lies over the Dogger Bank in the North Sea, about 55 by 64 km: no real
// town is under it, so no fictional supplier is ever placed on a real one, and distances between
// districts (10 to 25 km) are those of an English county.
const box = { south: 54.5, north: 55.0, west: 1.6, east: 2.6 };
// Mitchell's best-candidate sampling: of this many random candidates, the one farthest from the
// points already placed is kept, which spreads points evenly without a grid (Mitchell 1991,
// "Spectrally optimal sampling for distribution ray tracing", SIGGRAPH '91).
const candidatesPerPoint = 20;

/**
 * The centre of each district: the given coordinates when every district has them, otherwise an
 * invented, seeded layout of evenly spread points in a box over the North Sea. Coordinates are
 * rounded to 5 decimal places (about a metre).
 *
 * @throws InputError when some districts have coordinates and others do not, a district gives
 *   one coordinate without the other, or a coordinate is out of range.
 */
export function demoDistrictPoints(
  districts: readonly ProcurementDemoDistrict[],
  random: Random,
): DemoDistrictPoint[] {
  const given = districts.map((district) => {
    const { latitude, longitude } = district;
    if ((latitude === undefined) !== (longitude === undefined)) {
      throw new InputError("give a district both coordinates or neither", {
        field: "latitude",
        value: district.code,
      });
    }
    if (latitude === undefined || longitude === undefined) return undefined;
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
      throw new InputError("a district's coordinates are out of range", {
        field: "latitude",
        value: district.code,
      });
    }
    return { placeCode: district.code, latitude, longitude };
  });
  const known = given.filter((point) => point !== undefined);
  if (known.length === districts.length) return known;
  if (known.length > 0) {
    throw new InputError("give coordinates for every district or for none", {
      field: "latitude",
    });
  }

  // Distances in a box this small are near enough planar once longitude is scaled by the
  // cosine of the latitude.
  const xScale = Math.cos((((box.south + box.north) / 2) * Math.PI) / 180);
  const points: DemoDistrictPoint[] = [];
  for (const district of districts) {
    let best: { latitude: number; longitude: number } | undefined;
    let bestDistance = -1;
    for (let candidate = 0; candidate < candidatesPerPoint; candidate += 1) {
      const latitude = random.uniform(box.south, box.north);
      const longitude = random.uniform(box.west, box.east);
      let nearest = Number.POSITIVE_INFINITY;
      for (const point of points) {
        const dx = (point.longitude - longitude) * xScale;
        const dy = point.latitude - latitude;
        nearest = Math.min(nearest, dx * dx + dy * dy);
      }
      if (nearest > bestDistance) {
        bestDistance = nearest;
        best = { latitude, longitude };
      }
    }
    points.push({
      placeCode: district.code,
      latitude: round5(best!.latitude),
      longitude: round5(best!.longitude),
    });
  }
  return points;
}

/** A coordinate rounded to 5 decimal places, about a metre. */
export function round5(degrees: number): number {
  return Math.round(degrees * 100_000) / 100_000;
}
