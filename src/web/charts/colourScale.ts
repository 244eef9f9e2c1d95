import type { Polarity } from "../../core/vocabulary.js";
import { formatValue } from "./formatValue.js";

/** Options for {@link colourScale}. */
export interface ColourScaleOptions {
  /**
   * "sequential" (default) puts values into five classes by quintile on a single-hue blue
   * palette; "diverging" puts them into five classes of equal width either side of `midpoint`
   * on a red-to-blue palette, for values above and below a reference such as a change or a gap.
   */
  scheme?: "sequential" | "diverging";
  /**
   * Whether a higher value is better (1, default) or worse (-1). With -1 the palette is
   * reversed, so that the darkest (sequential) or bluest (diverging) colour always means better.
   * 0 (neither) is treated as 1.
   */
  polarity?: Polarity;
  /** The value at the centre of a diverging scheme. Default 0. Ignored when sequential. */
  midpoint?: number;
  /** The unit of the values, used in the legend labels, such as "£" or "%". Default none. */
  unit?: string | null;
  /** Formats a value in the legend labels. Default {@link formatValue} with `unit`. */
  format?: (value: number) => string;
}

/** One entry of a colour scale's legend. */
export interface ColourScaleLegendEntry {
  /** The fill colour. */
  colour: string;
  /** The range of values it stands for, such as "21,300 to 24,100", or "No data". */
  label: string;
}

/** A colour scale made by {@link colourScale}: fills for a map and the legend that explains them. */
export interface ColourScale {
  /** The fill of an area given its code; light grey (#f3f2f1) when it has no value. */
  fill: (code: string) => string;
  /** Whether an area has a value: pass it as `hasValue` to `hexMap` to mark missing areas. */
  hasValue: (code: string) => boolean;
  /** The classes in increasing order of value, then "No data" when any value is missing. */
  legend: ColourScaleLegendEntry[];
}

// ColorBrewer "Blues", 5 classes (Cynthia Brewer, colorbrewer2.org): colour-blind safe.
const sequentialPalette = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"] as const;
// ColorBrewer "RdBu", 5 classes (colorbrewer2.org): colour-blind safe.
const divergingPalette = ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"] as const;
// The fill of an area with no value: GOV.UK light grey.
const missingColour = "#f3f2f1";

/**
 * Maps the values of areas to five colour-blind-safe colour classes, for a choropleth or hex map,
 * and describes the classes in a legend. Sequential classes are quintiles (thresholds at the
 * 20th, 40th, 60th and 80th percentiles, interpolated as in d3-array's `quantile`, Hyndman and
 * Fan type 7), so the smallest value falls in the first class and the largest in the last; when
 * every value is the same they all fall in the middle class. Missing values (`undefined`, `NaN`,
 * and codes not in the map) are light grey; `hasValue` lets the map mark them another way too.
 *
 * @param values The value of each area, keyed by code.
 * @param options The scheme, polarity, midpoint and label format.
 * @returns The fill function, the hasValue function and the legend.
 */
export function colourScale(
  values: ReadonlyMap<string, number | null | undefined>,
  options: ColourScaleOptions = {},
): ColourScale {
  const { scheme = "sequential", polarity = 1, midpoint = 0, unit = null } = options;
  const format = options.format ?? ((value: number) => formatValue(value, unit));
  const palette: string[] = scheme === "diverging" ? [...divergingPalette] : [...sequentialPalette];
  if (polarity === -1) palette.reverse();

  const present: number[] = [];
  let missing = false;
  for (const value of values.values()) {
    if (isNumber(value)) present.push(value);
    else missing = true;
  }
  present.sort((a, b) => a - b);
  const minimum = present[0];
  const maximum = present[present.length - 1];

  let classify: (value: number) => number;
  let bounds: [number, number][];
  if (minimum === undefined || maximum === undefined) {
    classify = () => 2;
    bounds = [];
  } else if (scheme === "diverging") {
    const reach = Math.max(Math.abs(minimum - midpoint), Math.abs(maximum - midpoint)) || 1;
    const thresholds = [-0.6, -0.2, 0.2, 0.6].map((share) => midpoint + share * reach);
    classify = (value) => bisectRight(thresholds, value);
    const edges = [midpoint - reach, ...thresholds, midpoint + reach];
    bounds = [0, 1, 2, 3, 4].map((index) => [edges[index]!, edges[index + 1]!]);
  } else if (minimum === maximum) {
    classify = () => 2;
    bounds = [[minimum, maximum]];
  } else {
    const thresholds = [0.2, 0.4, 0.6, 0.8].map((p) => quantileSorted(present, p));
    // Ties at the minimum stay in the first class even when a threshold equals them.
    classify = (value) => (value <= minimum ? 0 : bisectRight(thresholds, value));
    const edges = [minimum, ...thresholds, maximum];
    bounds = [0, 1, 2, 3, 4].map((index) => [edges[index]!, edges[index + 1]!]);
  }

  const legend: ColourScaleLegendEntry[] = [];
  if (minimum !== undefined && maximum !== undefined) {
    if (bounds.length === 1) {
      legend.push({ colour: palette[2]!, label: format(minimum) });
    } else {
      // Classes no value falls into (tied thresholds) are left out of the legend.
      const used = new Set(present.map((value) => classify(value)));
      bounds.forEach(([low, high], index) => {
        if (scheme === "sequential" && !used.has(index)) return;
        legend.push({ colour: palette[index]!, label: `${format(low)} to ${format(high)}` });
      });
    }
  }
  if (missing) legend.push({ colour: missingColour, label: "No data" });

  return {
    fill: (code) => {
      const value = values.get(code);
      return isNumber(value) ? palette[classify(value)]! : missingColour;
    },
    hasValue: (code) => isNumber(values.get(code)),
    legend,
  };
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

// The number of thresholds less than or equal to the value: the index of its class.
function bisectRight(thresholds: readonly number[], value: number): number {
  let index = 0;
  while (index < thresholds.length && thresholds[index]! <= value) index += 1;
  return index;
}

// Quantile of sorted values by linear interpolation (Hyndman and Fan 1996, type 7), as d3-array.
function quantileSorted(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const low = sorted[lower]!;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)]!;
  return low + (high - low) * (position - lower);
}
