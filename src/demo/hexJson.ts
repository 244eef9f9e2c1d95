/**
 * One hexagon of a HexJSON layout: its column `q` and row `r` in the layout's offset
 * coordinates, the name shown for it, and optionally the code of the group it belongs to.
 */
export interface HexJsonHex {
  /** The name of the place the hexagon stands for. */
  n: string;
  /** The column, in the layout's offset coordinates. */
  q: number;
  /** The row, in the layout's offset coordinates. */
  r: number;
  /** The code of the enclosing place (a district for a neighbourhood), if any. */
  region?: string;
}

/**
 * A hexagon map in the Open Data Institute's HexJSON format
 * (https://github.com/odileeds/hexjson): an offset-coordinate layout and one hexagon per place,
 * keyed by the place's code.
 */
export interface HexJson {
  /** How rows or columns are offset: `odd-r` shifts odd rows right by half a hexagon. */
  layout: "odd-r" | "even-r" | "odd-q" | "even-q";
  /** The hexagons, keyed by place code. */
  hexes: Record<string, HexJsonHex>;
}
