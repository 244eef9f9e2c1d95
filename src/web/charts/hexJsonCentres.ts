import { InputError } from "../../core/errors.js";

/** The four HexJSON layouts: pointy-top rows (`-r`) or flat-top columns (`-q`). */
export type HexJsonLayout = "odd-r" | "even-r" | "odd-q" | "even-q";

/** One hex of a HexJSON layout: its column `q`, row `r`, optional name `n` and any other data. */
export interface HexJsonHex {
  /** The name of the area, used as the hex's accessible name; defaults to its code. */
  n?: string;
  /** The column, an integer, increasing to the right. */
  q: number;
  /** The row, an integer, increasing upwards (north). */
  r: number;
  /** Any other properties, as found in the file. */
  [key: string]: unknown;
}

/**
 * A hex cartogram in the Open Data Institute's HexJSON format
 * (https://github.com/odileeds/hexjson): a layout and the hexes keyed by area code.
 */
export interface HexJson {
  /** How rows or columns are offset. */
  layout: HexJsonLayout;
  /** The hexes keyed by area code (a GSS code such as E06000052). */
  hexes: Readonly<Record<string, HexJsonHex>>;
}

/** The centre of one hex in drawing coordinates, where y increases downwards. */
export interface HexCentre {
  /** The area code. */
  code: string;
  /** The horizontal position of the centre. */
  x: number;
  /** The vertical position of the centre, increasing downwards as in SVG. */
  y: number;
}

/**
 * Computes the centre of every hex of a HexJSON layout, for hexes of circumradius `size`
 * (the distance from the centre to a corner). It follows the Open Data Institute's renderer
 * (odileeds/hexmap.js): rows `r` increase upwards, so the largest `r` is drawn at the top;
 * in `odd-r` and `even-r` the hexes are pointy-top and the odd (or even) rows are shifted right by
 * half a hex width; in `odd-q` and `even-q` they are flat-top and the odd (or even) columns are
 * shifted up by half a hex height. Parity is that of the coordinate itself, so negative rows and
 * columns work. In the UK local authority layout this puts Shetland at the top and Cornwall at
 * the bottom left.
 *
 * @param layout The HexJSON layout.
 * @param size The circumradius of a hex, in drawing units. Default 1.
 * @returns The centres in the order of the layout's keys; y increases downwards.
 * @throws InputError when the layout is not one of the four, or a hex has a non-integer q or r.
 */
export function hexJsonCentres(layout: HexJson, size = 1): HexCentre[] {
  const kind = layout.layout;
  if (kind !== "odd-r" && kind !== "even-r" && kind !== "odd-q" && kind !== "even-q") {
    throw new InputError("HexJSON layout must be odd-r, even-r, odd-q or even-q", {
      field: "layout",
      value: String(kind),
    });
  }
  const pointy = kind === "odd-r" || kind === "even-r";
  const shiftOdd = kind === "odd-r" || kind === "odd-q";
  // The short diameter (flat side to flat side) and the spacing along the other axis.
  const across = Math.sqrt(3) * size;
  const along = 1.5 * size;
  const centres: HexCentre[] = [];
  for (const [code, hex] of Object.entries(layout.hexes)) {
    const q = Number(hex.q);
    const r = Number(hex.r);
    if (!Number.isInteger(q) || !Number.isInteger(r)) {
      throw new InputError("HexJSON q and r must be integers", {
        field: `hexes.${code}`,
        value: `q=${String(hex.q)}, r=${String(hex.r)}`,
      });
    }
    if (pointy) {
      const shifted = (Math.abs(r) % 2 === 1) === shiftOdd;
      centres.push({ code, x: (q + (shifted ? 0.5 : 0)) * across, y: -r * along });
    } else {
      const shifted = (Math.abs(q) % 2 === 1) === shiftOdd;
      centres.push({ code, x: q * along, y: -(r + (shifted ? 0.5 : 0)) * across });
    }
  }
  return centres;
}
