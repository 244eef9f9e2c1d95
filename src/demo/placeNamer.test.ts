import { describe, expect, test } from "vitest";
import { PlaceNamer } from "./placeNamer.js";
import { Random } from "./random.js";

describe("PlaceNamer", () => {
  test("namer.district(style, regionName) never repeats a name or a stem", () => {
    const namer = new PlaceNamer(new Random(1));
    const region = namer.region();
    const styles = ["city", "port", "town", "rural"] as const;
    const names = [region];
    for (let index = 0; index < 20; index += 1) {
      names.push(namer.district(styles[index % styles.length] as (typeof styles)[number], region));
    }
    expect(new Set(names).size).toBe(names.length);
    expect(region).toMatch(/(shire|land)$/);
  });

  test("namer.neighbourhood(districtName) gives hundreds of distinct names", () => {
    const namer = new PlaceNamer(new Random(2));
    const names = Array.from({ length: 400 }, () => namer.neighbourhood("Orrinchester"));
    expect(new Set(names).size).toBe(400);
    expect(names.every((name) => /^[A-Z][a-z]+( [A-Z][a-z]+)?$/.test(name))).toBe(true);
    // No awkward joins such as "Cindleley".
    expect(names.some((name) => name.includes("lel"))).toBe(false);
  });

  test("new PlaceNamer(random) gives the same names for the same seed", () => {
    const draw = (seed: number) => {
      const namer = new PlaceNamer(new Random(seed));
      return [namer.region(), namer.district("city", "X"), namer.neighbourhood("Y")];
    };
    expect(draw(5)).toEqual(draw(5));
  });
});
