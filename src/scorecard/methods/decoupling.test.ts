import { describe, expect, test } from "vitest";
import { decoupling } from "./decoupling.js";
import type { DecouplingState } from "./decoupling.js";
import type { TrendPoint } from "./trend.js";

function series(start: number, values: readonly (number | null)[]): TrendPoint[] {
  return values.map((value, offset) => ({ period: String(start + offset), value }));
}

describe("decoupling", () => {
  test("decoupling(gva, co2) calls GVA per head up while CO2 per head down absolute decoupling", () => {
    // GVA per head £25,000 to £28,000: +12%. CO2 per head 5.0 t to 4.6 t: -8%.
    // Elasticity -0.08 / 0.12 = -2/3. Intensity 5 / 25,000 = 0.0002 t/£ to
    // 4.6 / 28,000 = 0.00016429, so the decoupling factor is 1 - 0.00016429 / 0.0002 = 0.17857.
    const result = decoupling(series(2015, [25_000, 28_000]), series(2015, [5, 4.6]));
    expect(result.state).toBe("absolute decoupling");
    expect(result.fromPeriod).toBe("2015");
    expect(result.toPeriod).toBe("2016");
    expect(result.outputChange).toBeCloseTo(0.12, 12);
    expect(result.pressureChange).toBeCloseTo(-0.08, 12);
    expect(result.elasticity).toBeCloseTo(-2 / 3, 12);
    expect(result.decouplingFactor).toBeCloseTo(1 - 4.6 / 28_000 / (5 / 25_000), 12);
    expect(result.decouplingFactor).toBeCloseTo(0.178571, 6);
    expect(result.tapio).toBe("strong decoupling");
    expect(result.explanation).toBe(
      "Output rose 12.0% and pressure fell 8.0% from 2015 to 2016: absolute decoupling, as the pressure did not grow while output grew.",
    );
  });

  test("decoupling(output, pressure) classifies hand-made series by the OECD definitions", () => {
    // [output start, output end, pressure start, pressure end, OECD state, Tapio class]
    const cases: [number, number, number, number, DecouplingState, string | undefined][] = [
      // Output +10%, pressure -5%: pressure falls while output grows.
      [100, 110, 100, 95, "absolute decoupling", "strong decoupling"],
      // Output +10%, pressure unchanged: stable pressure counts as absolute (OECD), e = 0 (Tapio weak).
      [100, 110, 100, 100, "absolute decoupling", "weak decoupling"],
      // Output +10%, pressure +5%: e = 0.5.
      [100, 110, 100, 105, "relative decoupling", "weak decoupling"],
      // Output +10%, pressure +9%: e = 0.9.
      [100, 110, 100, 109, "relative decoupling", "expansive coupling"],
      // Output +10%, pressure +10%: as fast, e = 1.
      [100, 110, 100, 110, "no decoupling", "expansive coupling"],
      // Output +10%, pressure +20%: e = 2.
      [100, 110, 100, 120, "no decoupling", "expansive negative decoupling"],
      // Output -10%, pressure -20%: e = 2.
      [100, 90, 100, 80, "recession", "recessive decoupling"],
      // Output -10%, pressure -10%: e = 1.
      [100, 90, 100, 90, "recession", "recessive coupling"],
      // Output -10%, pressure -5%: e = 0.5.
      [100, 90, 100, 95, "recession", "weak negative decoupling"],
      // Output -10%, pressure +5%.
      [100, 90, 100, 105, "recession", "strong negative decoupling"],
      // Output flat: no growth, so not decoupling; elasticity undefined.
      [100, 100, 100, 90, "recession", undefined],
    ];
    for (const [f0, f1, p0, p1, state, tapio] of cases) {
      const result = decoupling(series(2020, [f0, f1]), series(2020, [p0, p1]));
      expect({ case: [f0, f1, p0, p1], state: result.state, tapio: result.tapio }).toEqual({
        case: [f0, f1, p0, p1],
        state,
        tapio,
      });
    }
  });

  test("decoupling(output, pressure) with an unchanged pressure over a falling output gives an elasticity of +0", () => {
    const result = decoupling(series(2020, [100, 90]), series(2020, [50, 50]));
    expect(Object.is(result.elasticity, 0)).toBe(true);
    expect(result.tapio).toBe("weak negative decoupling");
  });

  test("decoupling(output, pressure) compares only the periods present in both series", () => {
    // Common periods with both values: 2016, 2017 and 2019 (2018's pressure is missing,
    // 2015's output is missing, 2020 has no pressure row). So 2016 to 2019: output 100 to 120
    // (+20%), pressure 10 to 11 (+10%): relative decoupling, elasticity 0.5.
    const output = series(2015, [null, 100, 105, 110, 120, 130]);
    const pressure = series(2014, [9, 9.5, 10, 10.2, null, 11]);
    const result = decoupling(output, pressure);
    expect(result.fromPeriod).toBe("2016");
    expect(result.toPeriod).toBe("2019");
    expect(result.outputChange).toBeCloseTo(0.2, 12);
    expect(result.pressureChange).toBeCloseTo(0.1, 12);
    expect(result.elasticity).toBeCloseTo(0.5, 12);
    expect(result.state).toBe("relative decoupling");
  });

  test("decoupling(output, pressure, span) looks back span periods from the latest common period", () => {
    // Latest common 2024; span 3 reaches back to 2021: output 130 to 150, pressure 6 to 5.
    const output = series(2018, [100, 110, 120, 130, 140, 145, 150]);
    const pressure = series(2018, [5, 5.5, 6.2, 6, 5.8, 5.4, 5]);
    const result = decoupling(output, pressure, 3);
    expect(result.fromPeriod).toBe("2021");
    expect(result.toPeriod).toBe("2024");
    expect(result.state).toBe("absolute decoupling");
    // Over the whole series pressure is flat: 5 to 5, still absolute (stable pressure).
    expect(decoupling(output, pressure).pressureChange).toBe(0);
  });

  test("decoupling(output, pressure) is unknown with fewer than two common periods", () => {
    expect(decoupling([], []).state).toBe("unknown");
    expect(decoupling(series(2020, [1]), series(2020, [2])).state).toBe("unknown");
    const disjoint = decoupling(series(2020, [1, 2]), series(2022, [3, 4]));
    expect(disjoint.state).toBe("unknown");
    expect(disjoint.fromPeriod).toBeUndefined();
    expect(disjoint.explanation).toBe(
      "Fewer than two periods have both output and pressure observed.",
    );
    const missing = decoupling(series(2020, [1, null]), series(2020, [null, 4]));
    expect(missing.state).toBe("unknown");
  });

  test("decoupling(output, pressure) is unknown when output starts from zero", () => {
    const result = decoupling(series(2020, [0, 5]), series(2020, [10, 8]));
    expect(result.state).toBe("unknown");
    expect(result.outputChange).toBeUndefined();
    expect(result.elasticity).toBeUndefined();
    expect(result.explanation).toContain("output started from zero");
  });

  test("decoupling(output, pressure) with pressure from zero judges by the sign of its change", () => {
    const rising = decoupling(series(2020, [100, 110]), series(2020, [0, 1]));
    expect(rising.pressureChange).toBeUndefined();
    expect(rising.state).toBe("no decoupling");
    expect(rising.decouplingFactor).toBeUndefined();
    expect(rising.explanation).toContain("pressure rose from zero");
    const flat = decoupling(series(2020, [100, 110]), series(2020, [0, 0]));
    expect(flat.state).toBe("absolute decoupling");
  });

  test("decoupling(output, pressure) explains a recession and tiny changes in words", () => {
    const recession = decoupling(series(2020, [100, 95]), series(2020, [10, 9]));
    expect(recession.explanation).toBe(
      "Output fell 5.0% and pressure fell 10.0% from 2020 to 2021: output fell, so this is not decoupling in the OECD sense, which needs a growing economy.",
    );
    const tiny = decoupling(series(2020, [100_000, 100_001]), series(2020, [10, 10]));
    expect(tiny.explanation).toMatch(/^Output rose less than 0\.1% and pressure did not change/);
  });

  test("decoupling(output, pressure, span) throws on a bad span", () => {
    expect(() => decoupling([], [], 0)).toThrow(RangeError);
    expect(() => decoupling([], [], 2.5)).toThrow(RangeError);
  });
});
