import type { DemoData, DemoLayout } from "./demoData.js";
import type { DemoDistrict } from "./demoDistricts.js";
import type { DemoNeighbourhood } from "./demoNeighbourhoods.js";
import { districtArchetypes } from "./districtArchetypes.js";
import { growHexClusters } from "./growHexClusters.js";
import { hexGrid } from "./hexGrid.js";
import type { HexJson, HexJsonHex } from "./hexJson.js";
import type { Random } from "./random.js";

// How far apart, in neighbourhood hexagons, the centres of neighbouring districts' clusters
// are drawn; about the diameter of a cluster of a dozen hexagons plus the city's radius.
const clusterSpacing = 4;

/**
 * The two hexagon maps of the demo region, in HexJSON `odd-r` layout.
 *
 * The district map puts the city in the middle, the six next districts around it and the rest
 * on an arc of the next ring, the port and rural districts preferring the edge: compact and
 * contiguous. The neighbourhood map grows each district's neighbourhoods as one contiguous
 * cluster, drawn towards where its district sits on the district map, the city first; within a
 * cluster the most deprived neighbourhoods take the first hexagons grown, so that they sit
 * together, as deprivation clusters in real places.
 *
 * @param districts the districts, in code order.
 * @param neighbourhoods the neighbourhoods, with their districts' codes.
 * @param regionCode the region's code, the `region` of every district hexagon.
 * @param random the seeded generator.
 */
export function demoLayouts(
  districts: readonly DemoDistrict[],
  neighbourhoods: readonly DemoNeighbourhood[],
  regionCode: string,
  random: Random,
): DemoData["layouts"] {
  const positions = districtPositions(districts, random);

  const districtHexes: Record<string, HexJsonHex> = {};
  const districtOffsets = toOffsets(
    districts.map((district) => positions.get(district.code) as { q: number; r: number }),
  );
  districts.forEach((district, index) => {
    const offset = districtOffsets[index] as { q: number; r: number };
    districtHexes[district.code] = {
      n: district.name,
      q: offset.q,
      r: offset.r,
      region: regionCode,
    };
  });

  // Grow the city first, then outwards ring by ring, going round each ring in order.
  const growthOrder = districts
    .map((district) => ({
      district,
      position: positions.get(district.code) as { q: number; r: number },
    }))
    .sort(
      (a, b) =>
        hexGrid.distance(a.position, { q: 0, r: 0 }) -
          hexGrid.distance(b.position, { q: 0, r: 0 }) || angle(a.position) - angle(b.position),
    );
  const members = growthOrder.map(({ district }) =>
    neighbourhoods
      .filter((neighbourhood) => neighbourhood.districtCode === district.code)
      .sort(
        (a, b) =>
          (b.deprivationByYear.at(-1) as number) - (a.deprivationByYear.at(-1) as number) ||
          (a.code < b.code ? -1 : 1),
      ),
  );
  const clusters = growHexClusters(
    growthOrder.map(({ position }, index) => {
      const point = hexGrid.toPoint(position);
      return {
        size: (members[index] as DemoNeighbourhood[]).length,
        target: { x: point.x * clusterSpacing, y: point.y * clusterSpacing },
      };
    }),
  );
  const neighbourhoodOffsets = toOffsets(clusters.flat());
  const neighbourhoodHexes: Record<string, HexJsonHex> = {};
  let flatIndex = 0;
  clusters.forEach((cluster, clusterIndex) => {
    const own = members[clusterIndex] as DemoNeighbourhood[];
    cluster.forEach((_, index) => {
      const neighbourhood = own[index] as DemoNeighbourhood;
      const offset = neighbourhoodOffsets[flatIndex] as { q: number; r: number };
      flatIndex += 1;
      neighbourhoodHexes[neighbourhood.code] = {
        n: neighbourhood.name,
        q: offset.q,
        r: offset.r,
        region: neighbourhood.districtCode,
      };
    });
  });

  return [
    layout("demo-districts", "Demo districts (fictional)", sortByKey(districtHexes)),
    layout("demo-neighbourhoods", "Demo neighbourhoods (fictional)", sortByKey(neighbourhoodHexes)),
  ];
}

function layout(id: string, name: string, hexes: Record<string, HexJsonHex>): DemoLayout {
  const hexjson: HexJson = { layout: "odd-r", hexes };
  return { id, name, hexjson };
}

// Where each district sits on the district map, in axial coordinates.
function districtPositions(
  districts: readonly DemoDistrict[],
  random: Random,
): Map<string, { q: number; r: number }> {
  const city = districts.find((district) => district.archetype === "city");
  const others = districts.filter((district) => district !== city);
  if (city === undefined || others.length < 7 || others.length > 18) {
    throw new Error("demoLayouts: the district map needs one city and 7 to 18 other districts");
  }
  const innerRing = hexGrid.ring({ q: 0, r: 0 }, 1);
  const outerRing = hexGrid.ring({ q: 0, r: 0 }, 2);
  const arcStart = random.integer(0, outerRing.length - 1);
  const arc = Array.from(
    { length: others.length - innerRing.length },
    (_, index) => outerRing[(arcStart + index) % outerRing.length] as { q: number; r: number },
  );
  // The districts that most like the edge go on the outer arc.
  const byOuterness = others
    .map((district) => ({
      district,
      outerness: districtArchetypes[district.archetype].outerness + random.uniform(0, 1.2),
    }))
    .sort((a, b) => b.outerness - a.outerness)
    .map(({ district }) => district);
  const outer = random.shuffle(byOuterness.slice(0, arc.length));
  const inner = random.shuffle(byOuterness.slice(arc.length));
  const positions = new Map<string, { q: number; r: number }>([[city.code, { q: 0, r: 0 }]]);
  outer.forEach((district, index) =>
    positions.set(district.code, arc[index] as { q: number; r: number }),
  );
  inner.forEach((district, index) =>
    positions.set(district.code, innerRing[index] as { q: number; r: number }),
  );
  return positions;
}

// Offset coordinates for axial hexagons, moved so the lowest row and column are 0. Moving in
// axial coordinates first keeps the shape whatever the parity of the rows moved.
function toOffsets(hexes: readonly { q: number; r: number }[]): { q: number; r: number }[] {
  const minR = Math.min(...hexes.map((hex) => hex.r));
  const offsets = hexes.map((hex) => hexGrid.toOddR({ q: hex.q, r: hex.r - minR }));
  const minQ = Math.min(...offsets.map((offset) => offset.q));
  return offsets.map((offset) => ({ q: offset.q - minQ, r: offset.r }));
}

function angle(hex: { q: number; r: number }): number {
  const point = hexGrid.toPoint(hex);
  return Math.atan2(point.y, point.x);
}

function sortByKey(hexes: Record<string, HexJsonHex>): Record<string, HexJsonHex> {
  return Object.fromEntries(Object.entries(hexes).sort(([a], [b]) => (a < b ? -1 : 1)));
}
