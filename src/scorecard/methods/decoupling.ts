import { trend } from "./trend.js";
import type { TrendPoint } from "./trend.js";

/**
 * The OECD (2002) reading of how an environmental pressure moved against economic output:
 * absolute decoupling (output grew, the pressure held or fell), relative decoupling (both grew,
 * the pressure more slowly), no decoupling (the pressure grew as fast or faster), recession
 * (output did not grow, so decoupling in the OECD sense does not apply), or unknown.
 */
export type DecouplingState =
  "absolute decoupling" | "relative decoupling" | "no decoupling" | "recession" | "unknown";

/**
 * The eight degrees of decoupling of Tapio (2005), read from the signs of the two changes and
 * the elasticity, with the class limits 0, 0.8 and 1.2.
 */
export type TapioState =
  | "strong decoupling"
  | "weak decoupling"
  | "expansive coupling"
  | "expansive negative decoupling"
  | "strong negative decoupling"
  | "weak negative decoupling"
  | "recessive coupling"
  | "recessive decoupling";

/** How a pressure on the environment moved against economic output over the same periods. */
export interface Decoupling {
  /** The first period compared, present in both series; undefined when no pair is found. */
  fromPeriod?: string;
  /** The last period compared, present in both series; undefined when no pair is found. */
  toPeriod?: string;
  /** The relative change of output between the two periods, a fraction (0.1 is 10%). */
  outputChange?: number;
  /**
   * The relative change of the pressure between the two periods, a fraction; undefined when
   * the pressure starts from zero.
   */
  pressureChange?: number;
  /**
   * Tapio's decoupling elasticity, `pressureChange / outputChange`; undefined when either is
   * undefined or output did not change.
   */
  elasticity?: number;
  /**
   * The OECD decoupling factor `1 - (P_end / F_end) / (P_start / F_start)`: positive when the
   * pressure per unit of output fell. Undefined unless all four values are positive.
   */
  decouplingFactor?: number;
  /** Tapio's degree of decoupling; undefined when the elasticity is. */
  tapio?: TapioState;
  /** The OECD state. */
  state: DecouplingState;
  /** One sentence saying what moved how, for people: "Output rose 12.0% and pressure fell…". */
  explanation: string;
}

/**
 * Whether an environmental pressure (such as CO2 per head) has decoupled from economic output
 * (such as GVA per head), after the OECD's "Indicators to measure decoupling of environmental
 * pressure from economic growth" (2002), with Tapio's (2005) elasticity classes alongside.
 *
 * Only periods observed in both series are compared: the change runs from the earliest such
 * period in the span to the latest. Series measured per head give the same state as totals
 * when both are divided by the same population, since the state depends on the ratio of the
 * two. See docs/methods/trends.md.
 *
 * @param output the economic driving force, in period order.
 * @param pressure the environmental pressure, in period order, with periods named as in `output`.
 * @param span how many periods of `output` back from the latest common one to look; a positive
 *   integer, default the whole series.
 * @returns the changes, the elasticity, the OECD state and an explanation.
 */
export function decoupling(
  output: readonly TrendPoint[],
  pressure: readonly TrendPoint[],
  span?: number,
): Decoupling {
  if (span !== undefined && !(Number.isInteger(span) && span >= 1)) {
    throw new RangeError(`decoupling: span must be a positive integer, got ${span}`);
  }
  const pressureByPeriod = new Map<string, number | null>();
  for (const point of pressure) {
    if (!pressureByPeriod.has(point.period)) pressureByPeriod.set(point.period, point.value);
  }
  // Keep only the periods with both values, on the output series' axis, so the two trends
  // start and end at the same periods.
  const pairedOutput: TrendPoint[] = [];
  const pairedPressure: TrendPoint[] = [];
  for (const point of output) {
    const pressureValue = pressureByPeriod.get(point.period);
    const both = isObserved(point.value) && isObserved(pressureValue);
    pairedOutput.push({ period: point.period, value: both ? point.value : null });
    pairedPressure.push({ period: point.period, value: both ? (pressureValue as number) : null });
  }
  const outputTrend = trend(pairedOutput, { span, polarity: 1 });
  const pressureTrend = trend(pairedPressure, { span, polarity: -1 });
  const { from: outputFrom, to: outputTo } = outputTrend;
  const { from: pressureFrom, to: pressureTo } = pressureTrend;
  if (
    outputFrom === undefined ||
    outputTo === undefined ||
    pressureFrom === undefined ||
    pressureTo === undefined
  ) {
    return {
      state: "unknown",
      explanation: "Fewer than two periods have both output and pressure observed.",
    };
  }

  const f0 = outputFrom.value as number;
  const f1 = outputTo.value as number;
  const p0 = pressureFrom.value as number;
  const p1 = pressureTo.value as number;
  const result: Decoupling = {
    fromPeriod: outputFrom.period,
    toPeriod: outputTo.period,
    state: "unknown",
    explanation: "",
  };
  const outputChange = outputTrend.relativeChange;
  const pressureChange = pressureTrend.relativeChange;
  if (outputChange !== undefined) result.outputChange = outputChange;
  if (pressureChange !== undefined) result.pressureChange = pressureChange;
  if (f0 > 0 && f1 > 0 && p0 > 0 && p1 > 0) {
    // OECD (2002): the decoupling factor is one minus the ratio of the end and start values of
    // the pressure per unit of driving force.
    result.decouplingFactor = 1 - p1 / f1 / (p0 / f0);
  }
  if (outputChange !== undefined && pressureChange !== undefined && outputChange !== 0) {
    // Tapio (2005): the elasticity of the pressure with respect to output. Adding 0 turns the
    // -0 of an unchanged pressure over a falling output into 0.
    result.elasticity = pressureChange / outputChange + 0;
    result.tapio = tapioState(outputChange, pressureChange, result.elasticity);
  }

  const between = `from ${outputFrom.period} to ${outputTo.period}`;
  const moved = `${describeChange("Output", f1 - f0, outputChange)} and ${describeChange(
    "pressure",
    p1 - p0,
    pressureChange,
  )} ${between}`;
  if (outputChange === undefined) {
    result.explanation = `${moved}: output started from zero, so its growth rate is undefined.`;
    return result;
  }
  // OECD (2002): decoupling is absolute when the pressure is stable or falling
  // while the driving force grows, and relative when the pressure grows more slowly than the
  // driving force. Both need a growing economy; without growth it is a recession.
  if (outputChange <= 0) {
    result.state = "recession";
    const verb = outputChange < 0 ? "fell" : "did not grow";
    result.explanation = `${moved}: output ${verb}, so this is not decoupling in the OECD sense, which needs a growing economy.`;
  } else if (p1 - p0 <= 0) {
    result.state = "absolute decoupling";
    result.explanation = `${moved}: absolute decoupling, as the pressure did not grow while output grew.`;
  } else if (pressureChange !== undefined && pressureChange < outputChange) {
    result.state = "relative decoupling";
    result.explanation = `${moved}: relative decoupling, as the pressure grew but more slowly than output.`;
  } else {
    result.state = "no decoupling";
    result.explanation = `${moved}: no decoupling, as the pressure grew as fast as output or faster.`;
  }
  return result;
}

/**
 * Tapio (2005): the degree of decoupling from the signs of the changes and the
 * elasticity, with the limits 0.8 and 1.2 around coupling (an elasticity of 1).
 */
function tapioState(outputChange: number, pressureChange: number, elasticity: number): TapioState {
  if (outputChange > 0) {
    if (pressureChange < 0) return "strong decoupling";
    if (elasticity < 0.8) return "weak decoupling";
    if (elasticity <= 1.2) return "expansive coupling";
    return "expansive negative decoupling";
  }
  if (pressureChange > 0) return "strong negative decoupling";
  if (elasticity < 0.8) return "weak negative decoupling";
  if (elasticity <= 1.2) return "recessive coupling";
  return "recessive decoupling";
}

function describeChange(subject: string, change: number, relative: number | undefined): string {
  if (change === 0) return `${subject} did not change`;
  const verb = change > 0 ? "rose" : "fell";
  if (relative === undefined) return `${subject} ${verb} from zero`;
  const percent = Math.abs(relative) * 100;
  const shown = percent < 0.05 ? "less than 0.1" : percent.toFixed(1);
  return `${subject} ${verb} ${shown}%`;
}

function isObserved(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
