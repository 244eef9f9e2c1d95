/** A hexagon in axial coordinates (Red Blob Games, "Hexagonal Grids", 2013): column and row. */
interface AxialHex {
  q: number;
  r: number;
}

const directions: readonly AxialHex[] = [
  { q: 1, r: 0 },
  { q: 1, r: -1 },
  { q: 0, r: -1 },
  { q: -1, r: 0 },
  { q: -1, r: 1 },
  { q: 0, r: 1 },
];

/**
 * Arithmetic on a grid of pointy-topped hexagons in axial coordinates, after Amit Patel,
 * "Hexagonal Grids" (https://www.redblobgames.com/grids/hexagons/). Axial coordinates make
 * neighbours and distances simple; `toOddR` converts to the offset coordinates of an `odd-r`
 * HexJSON layout, in which odd rows are shifted right by half a hexagon.
 */
export const hexGrid = {
  /** A key for maps and sets: "q,r". */
  key(hex: AxialHex): string {
    return `${hex.q},${hex.r}`;
  },

  /** The six neighbours, east first and then anticlockwise. */
  neighbours(hex: AxialHex): AxialHex[] {
    return directions.map((direction) => ({ q: hex.q + direction.q, r: hex.r + direction.r }));
  },

  /** The number of steps between two hexagons. */
  distance(a: AxialHex, b: AxialHex): number {
    const dq = a.q - b.q;
    const dr = a.r - b.r;
    return (Math.abs(dq) + Math.abs(dr) + Math.abs(dq + dr)) / 2;
  },

  /** The hexagons at exactly `radius` steps from the centre, in order around the ring. */
  ring(centre: AxialHex, radius: number): AxialHex[] {
    if (radius === 0) return [{ ...centre }];
    const start = directions[4] as AxialHex;
    let hex = { q: centre.q + start.q * radius, r: centre.r + start.r * radius };
    const ring: AxialHex[] = [];
    for (const direction of directions) {
      for (let step = 0; step < radius; step += 1) {
        ring.push(hex);
        hex = { q: hex.q + direction.q, r: hex.r + direction.r };
      }
    }
    return ring;
  },

  /** The centre of the hexagon on the plane, with neighbouring centres one unit apart. */
  toPoint(hex: AxialHex): { x: number; y: number } {
    return { x: hex.q + hex.r / 2, y: (hex.r * Math.sqrt(3)) / 2 };
  },

  /** The column and row of the hexagon in an `odd-r` offset layout. */
  toOddR(hex: AxialHex): { q: number; r: number } {
    return { q: hex.q + (hex.r - (hex.r & 1)) / 2, r: hex.r };
  },

  /** The inverse of `toOddR`. */
  fromOddR(offset: { q: number; r: number }): AxialHex {
    return { q: offset.q - (offset.r - (offset.r & 1)) / 2, r: offset.r };
  },
};
