import { describe, expect, test } from "vitest";
import { foundationalDivisions, sic2007Divisions } from "../core/sic2007.js";
import { goals } from "../core/vocabulary.js";
import type { Employment, Observation, Place } from "../core/vocabulary.js";
import type { DemoData } from "./demoData.js";
import { generateDemo } from "./generateDemo.js";
import type { HexJsonHex } from "./hexJson.js";

const defaultSeed = 20261128;
// The invariants must hold for any seed, not only the default one.
const seeds = [defaultSeed, 1, 7, 42, 2025, 987_654_321];
const years = ["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"];
const latest = "2024";

const generated = new Map<number, DemoData>();
function demo(seed: number): DemoData {
  let data = generated.get(seed);
  if (data === undefined) {
    data = generateDemo(seed);
    generated.set(seed, data);
  }
  return data;
}

function regionOf(data: DemoData): Place {
  return data.places.find((place) => place.kind === "region") as Place;
}
function districtsOf(data: DemoData): Place[] {
  return data.places.filter((place) => place.kind === "district");
}
function neighbourhoodsOf(data: DemoData): Place[] {
  return data.places.filter((place) => place.kind === "neighbourhood");
}

// Observations by "place|indicator|period".
function observationIndex(data: DemoData): Map<string, Observation> {
  return new Map(
    data.observations.map((entry) => [
      `${entry.placeCode}|${entry.indicatorId}|${entry.period}`,
      entry,
    ]),
  );
}
function valueOf(
  index: Map<string, Observation>,
  placeCode: string,
  indicatorId: string,
  period = latest,
): number {
  const entry = index.get(`${placeCode}|${indicatorId}|${period}`);
  if (entry?.value === null || entry?.value === undefined) {
    throw new Error(`no value for ${placeCode} ${indicatorId} ${period}`);
  }
  return entry.value;
}

// Employees by place and division in one period, and totals by place.
function employmentIn(
  employment: readonly Employment[],
  period: string,
): { byPlace: Map<string, Map<string, number>>; totals: Map<string, number>; regionTotal: number } {
  const byPlace = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  let regionTotal = 0;
  for (const row of employment) {
    if (row.period !== period) continue;
    let divisions = byPlace.get(row.placeCode);
    if (divisions === undefined) {
      divisions = new Map();
      byPlace.set(row.placeCode, divisions);
    }
    divisions.set(row.industryCode, row.employees);
    totals.set(row.placeCode, (totals.get(row.placeCode) ?? 0) + row.employees);
    regionTotal += row.employees;
  }
  return { byPlace, totals, regionTotal };
}

// The location quotient of a group of divisions in a district against the whole region.
function locationQuotient(
  employment: ReturnType<typeof employmentIn>,
  placeCode: string,
  divisions: readonly string[],
): number {
  const inGroup = (entries: Map<string, number>) =>
    divisions.reduce((sum, code) => sum + (entries.get(code) ?? 0), 0);
  const local = inGroup(employment.byPlace.get(placeCode) as Map<string, number>);
  let regional = 0;
  for (const entries of employment.byPlace.values()) regional += inGroup(entries);
  return local / (employment.totals.get(placeCode) as number) / (regional / employment.regionTotal);
}

// Neighbours in an odd-r offset layout, computed independently of the generator's own grid code.
function oddRNeighbours(hex: { q: number; r: number }): string[] {
  const shift = hex.r & 1 ? 0 : -1;
  return [
    [hex.q - 1, hex.r],
    [hex.q + 1, hex.r],
    [hex.q + shift, hex.r - 1],
    [hex.q + shift + 1, hex.r - 1],
    [hex.q + shift, hex.r + 1],
    [hex.q + shift + 1, hex.r + 1],
  ].map(([q, r]) => `${q},${r}`);
}
function isContiguous(hexes: readonly HexJsonHex[]): boolean {
  if (hexes.length === 0) return true;
  const cells = new Set(hexes.map((hex) => `${hex.q},${hex.r}`));
  const first = hexes[0] as HexJsonHex;
  const seen = new Set([`${first.q},${first.r}`]);
  const queue = [first];
  for (let index = 0; index < queue.length; index += 1) {
    for (const key of oddRNeighbours(queue[index] as HexJsonHex)) {
      if (!cells.has(key) || seen.has(key)) continue;
      seen.add(key);
      const [q, r] = key.split(",").map(Number) as [number, number];
      queue.push({ n: "", q, r });
    }
  }
  return seen.size === cells.size;
}

function decimalsOf(value: number): number {
  const text = String(value);
  return text.includes(".") ? (text.split(".")[1] as string).length : 0;
}

describe("generateDemo", () => {
  test("generateDemo() gives the same output byte for byte on every call", () => {
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(generateDemo()));
    expect(JSON.stringify(generateDemo(5))).toBe(JSON.stringify(generateDemo(5)));
  });

  test("generateDemo() uses the seed 20261128 by default", () => {
    expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(demo(defaultSeed)));
  });

  test("generateDemo(seed) gives different data for a different seed", () => {
    const first = demo(defaultSeed);
    const second = demo(1);
    expect(JSON.stringify(first)).not.toBe(JSON.stringify(second));
    expect(first.places.map((place) => place.name)).not.toEqual(
      second.places.map((place) => place.name),
    );
    expect(first.observations.map((entry) => entry.value)).not.toEqual(
      second.observations.map((entry) => entry.value),
    );
  });

  test("generateDemo(seed) throws when the seed is not a safe integer", () => {
    expect(() => generateDemo(0.5)).toThrow(RangeError);
  });

  test("generateDemo() runs well under a second", () => {
    generateDemo(3);
    const started = performance.now();
    generateDemo(4);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("generateDemo() gives indicators with the agreed ids, goals, units and polarities", () => {
    const { indicators } = demo(defaultSeed);
    const expected: [id: string, goal: string | null, polarity: number][] = [
      ["gva_per_head", "prosperity", 1],
      ["median_weekly_pay", "prosperity", 1],
      ["employment_rate", "prosperity", 1],
      ["pay_ratio_80_20", "equality", -1],
      ["child_poverty", "equality", -1],
      ["gender_pay_gap", "equality", -1],
      ["deprived_neighbourhood_share", "equality", -1],
      ["imd_score", "equality", -1],
      ["co2_per_head", "sustainability", -1],
      ["renewable_share", "sustainability", 1],
      ["green_jobs_share", "sustainability", 1],
      ["life_satisfaction", "wellbeing", 1],
      ["anxiety", "wellbeing", -1],
      ["level4_share", "skills", 1],
      ["no_qualifications_share", "skills", -1],
      ["unemployment_rate", "jobs", -1],
      ["population_density", null, 0],
    ];
    expect(indicators.map((entry) => [entry.id, entry.goal, entry.polarity])).toEqual(expected);
    expect(indicators.find((entry) => entry.id === "gva_per_head")?.unit).toBe("£");
    expect(indicators.find((entry) => entry.id === "co2_per_head")?.unit).toBe("tCO2e per person");
    for (const entry of indicators) {
      expect(entry.goal === null || (goals as readonly string[]).includes(entry.goal)).toBe(true);
      expect(entry.unit).toBeTruthy();
      expect(entry.source).toBe("Placefirst demo (fictional)");
      expect(entry.licence).toBe("CC0-1.0");
    }
  });
});

describe.each(seeds)("generateDemo(%i)", (seed) => {
  test("generateDemo(seed) makes one region, 14 districts and 190 to 210 neighbourhoods", () => {
    const data = demo(seed);
    expect(data.places.filter((place) => place.kind === "region")).toHaveLength(1);
    expect(districtsOf(data)).toHaveLength(14);
    const neighbourhoods = neighbourhoodsOf(data).length;
    expect(neighbourhoods).toBeGreaterThanOrEqual(190);
    expect(neighbourhoods).toBeLessThanOrEqual(210);
    expect(data.places).toHaveLength(15 + neighbourhoods);
  });

  test("generateDemo(seed) marks every place fictional and names each one uniquely", () => {
    const data = demo(seed);
    expect(data.places.every((place) => place.fictional)).toBe(true);
    const names = data.places.map((place) => place.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^[A-Z][A-Za-z]+( [A-Z][A-Za-z]+)*$/.test(name))).toBe(true);
    expect(regionOf(data).name).toBe(data.regionName);
  });

  test("generateDemo(seed) gives X-prefixed nine-character GSS-like codes", () => {
    const data = demo(seed);
    expect(regionOf(data).code).toBe("X12000001");
    expect(districtsOf(data).map((place) => place.code)).toEqual(
      Array.from({ length: 14 }, (_, index) => `X08${String(index + 1).padStart(6, "0")}`),
    );
    const neighbourhoods = neighbourhoodsOf(data);
    expect(neighbourhoods.map((place) => place.code)).toEqual(
      neighbourhoods.map((_, index) => `X01${String(index + 1).padStart(6, "0")}`),
    );
    const codes = data.places.map((place) => place.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test("generateDemo(seed) chains parents neighbourhood to district to region to null", () => {
    const data = demo(seed);
    const byCode = new Map(data.places.map((place) => [place.code, place]));
    expect(regionOf(data).parentCode).toBeNull();
    for (const district of districtsOf(data)) expect(district.parentCode).toBe("X12000001");
    for (const neighbourhood of neighbourhoodsOf(data)) {
      expect(byCode.get(neighbourhood.parentCode as string)?.kind).toBe("district");
    }
    for (const district of districtsOf(data)) {
      expect(
        neighbourhoodsOf(data).filter((place) => place.parentCode === district.code).length,
      ).toBeGreaterThanOrEqual(5);
    }
  });

  test("generateDemo(seed) makes populations add up exactly, district by district", () => {
    const data = demo(seed);
    const districts = districtsOf(data);
    for (const district of districts) {
      const population = district.population as number;
      expect(population).toBeGreaterThanOrEqual(60_000);
      expect(population).toBeLessThanOrEqual(450_000);
      const sum = neighbourhoodsOf(data)
        .filter((place) => place.parentCode === district.code)
        .reduce((total, place) => total + (place.population as number), 0);
      expect(sum).toBe(population);
    }
    expect(regionOf(data).population).toBe(
      districts.reduce((total, place) => total + (place.population as number), 0),
    );
    // One city-sized district.
    expect(districts.filter((place) => (place.population as number) >= 350_000)).toHaveLength(1);
    for (const neighbourhood of neighbourhoodsOf(data)) {
      expect(Number.isInteger(neighbourhood.population)).toBe(true);
      expect(neighbourhood.population).toBeGreaterThan(4_000);
      expect(neighbourhood.population).toBeLessThan(20_000);
    }
  });

  test("generateDemo(seed) observes every indicator for the region and every district in every year", () => {
    const data = demo(seed);
    const index = observationIndex(data);
    const places = [regionOf(data), ...districtsOf(data)];
    for (const indicator of data.indicators) {
      for (const place of places) {
        for (const period of years) {
          const entry = index.get(`${place.code}|${indicator.id}|${period}`);
          expect(entry?.status).toBe("ok");
          expect(Number.isFinite(entry?.value)).toBe(true);
          expect(entry?.note).toBeNull();
        }
      }
    }
    const neighbourhoods = neighbourhoodsOf(data);
    expect(data.observations).toHaveLength(
      data.indicators.length * places.length * years.length + neighbourhoods.length,
    );
    // Neighbourhoods have the deprivation score for the latest year only.
    for (const neighbourhood of neighbourhoods) {
      expect(index.get(`${neighbourhood.code}|imd_score|${latest}`)?.value).toBeGreaterThan(0);
    }
    const neighbourhoodObservations = data.observations.filter((entry) =>
      entry.placeCode.startsWith("X01"),
    );
    expect(neighbourhoodObservations.every((entry) => entry.period === latest)).toBe(true);
    expect(neighbourhoodObservations.every((entry) => entry.indicatorId === "imd_score")).toBe(
      true,
    );
    expect(index.size).toBe(data.observations.length);
  });

  test("generateDemo(seed) rounds values and gives intervals only to survey-based indicators", () => {
    const data = demo(seed);
    const decimals: Record<string, number> = {
      gva_per_head: 0,
      median_weekly_pay: 0,
      pay_ratio_80_20: 2,
      life_satisfaction: 2,
      anxiety: 2,
    };
    const surveyBased = new Set([
      "median_weekly_pay",
      "employment_rate",
      "life_satisfaction",
      "anxiety",
      "level4_share",
      "no_qualifications_share",
      "unemployment_rate",
    ]);
    for (const entry of data.observations) {
      expect(decimalsOf(entry.value as number)).toBeLessThanOrEqual(
        decimals[entry.indicatorId] ?? 1,
      );
      if (surveyBased.has(entry.indicatorId)) {
        const { lower, upper, value } = entry as { lower: number; upper: number; value: number };
        expect(lower).toBeLessThan(value);
        expect(upper).toBeGreaterThan(value);
        expect(upper - lower).toBeLessThan(Math.max(0.35 * value, 6));
      } else {
        expect(entry.lower).toBeNull();
        expect(entry.upper).toBeNull();
      }
    }
  });

  test("generateDemo(seed) keeps the latest year's values within UK-like ranges", () => {
    const data = demo(seed);
    const index = observationIndex(data);
    const ranges: Record<string, [number, number]> = {
      gva_per_head: [19_000, 46_000],
      median_weekly_pay: [550, 800],
      employment_rate: [68, 80],
      pay_ratio_80_20: [1.7, 2.5],
      child_poverty: [15, 40],
      gender_pay_gap: [0, 25],
      deprived_neighbourhood_share: [0, 100],
      imd_score: [2, 80],
      co2_per_head: [3, 8],
      renewable_share: [1, 95],
      green_jobs_share: [1, 8],
      life_satisfaction: [7.1, 7.8],
      anxiety: [2.8, 3.6],
      level4_share: [25, 65],
      no_qualifications_share: [2, 12],
      unemployment_rate: [2, 9],
      population_density: [30, 6_000],
    };
    for (const place of [regionOf(data), ...districtsOf(data)]) {
      for (const [indicatorId, [min, max]] of Object.entries(ranges)) {
        const value = valueOf(index, place.code, indicatorId);
        expect(value, `${place.name} ${indicatorId}`).toBeGreaterThanOrEqual(min);
        expect(value, `${place.name} ${indicatorId}`).toBeLessThanOrEqual(max);
      }
    }
  });

  test("generateDemo(seed) keeps every year's values plausible", () => {
    const data = demo(seed);
    const ranges: Record<string, [number, number]> = {
      gva_per_head: [14_000, 50_000],
      median_weekly_pay: [380, 850],
      employment_rate: [65, 82],
      child_poverty: [10, 45],
      co2_per_head: [2.5, 9],
      life_satisfaction: [6.9, 8],
      anxiety: [2.4, 4],
      unemployment_rate: [1.5, 12],
    };
    for (const entry of data.observations) {
      const range = ranges[entry.indicatorId];
      if (range === undefined) continue;
      expect(entry.value).toBeGreaterThanOrEqual(range[0]);
      expect(entry.value).toBeLessThanOrEqual(range[1]);
    }
  });

  test("generateDemo(seed) draws realistic trends: emissions fall, 2020 dips, qualifications rise", () => {
    const data = demo(seed);
    const index = observationIndex(data);
    for (const district of districtsOf(data)) {
      expect(valueOf(index, district.code, "co2_per_head", "2024")).toBeLessThan(
        valueOf(index, district.code, "co2_per_head", "2015"),
      );
      expect(valueOf(index, district.code, "level4_share", "2024")).toBeGreaterThan(
        valueOf(index, district.code, "level4_share", "2015"),
      );
      expect(valueOf(index, district.code, "gva_per_head", "2020")).toBeLessThan(
        valueOf(index, district.code, "gva_per_head", "2019"),
      );
    }
    const region = "X12000001";
    expect(valueOf(index, region, "employment_rate", "2020")).toBeLessThan(
      valueOf(index, region, "employment_rate", "2019"),
    );
    expect(valueOf(index, region, "gva_per_head", "2024")).toBeGreaterThan(
      valueOf(index, region, "gva_per_head", "2015"),
    );
    // Gradual: no district's GVA per head moves by more than 15% in a year.
    for (const district of districtsOf(data)) {
      for (let year = 1; year < years.length; year += 1) {
        const before = valueOf(index, district.code, "gva_per_head", years[year - 1]);
        const after = valueOf(index, district.code, "gva_per_head", years[year]);
        expect(Math.abs(after / before - 1)).toBeLessThan(0.15);
      }
    }
    const regionEmployment = employmentIn(data.employment, "2020").regionTotal;
    expect(regionEmployment).toBeLessThan(employmentIn(data.employment, "2019").regionTotal);
  });

  test("generateDemo(seed) gives the region the population-weighted mean of its districts", () => {
    const data = demo(seed);
    const index = observationIndex(data);
    const districts = districtsOf(data);
    const totalPopulation = districts.reduce((sum, place) => sum + (place.population as number), 0);
    for (const indicator of data.indicators) {
      if (indicator.id === "deprived_neighbourhood_share") continue;
      const regionValue = valueOf(index, "X12000001", indicator.id);
      let expected: number;
      if (indicator.id === "population_density") {
        // People over area: the population-weighted harmonic mean of the densities.
        const area = districts.reduce(
          (sum, place) =>
            sum + (place.population as number) / valueOf(index, place.code, indicator.id),
          0,
        );
        expected = totalPopulation / area;
      } else {
        expected =
          districts.reduce(
            (sum, place) =>
              sum + (place.population as number) * valueOf(index, place.code, indicator.id),
            0,
          ) / totalPopulation;
      }
      const unit =
        indicator.id === "gva_per_head" || indicator.id === "median_weekly_pay" ? 1 : 0.1;
      expect(Math.abs(regionValue - expected), indicator.id).toBeLessThanOrEqual(unit / 2 + 1e-9);
    }
  });

  test("generateDemo(seed) bases the deprived share on the neighbourhoods' deprivation scores", () => {
    const data = demo(seed);
    const index = observationIndex(data);
    const neighbourhoods = neighbourhoodsOf(data)
      .map((place) => ({ place, score: valueOf(index, place.code, "imd_score") }))
      .sort((a, b) => b.score - a.score || (a.place.code < b.place.code ? -1 : 1));
    const decile = Math.round(neighbourhoods.length / 10);
    const mostDeprived = new Set(neighbourhoods.slice(0, decile).map((entry) => entry.place.code));
    for (const district of districtsOf(data)) {
      const own = neighbourhoods.filter((entry) => entry.place.parentCode === district.code);
      const share =
        (100 * own.filter((entry) => mostDeprived.has(entry.place.code)).length) / own.length;
      const published = valueOf(index, district.code, "deprived_neighbourhood_share");
      expect(Math.abs(published - share)).toBeLessThanOrEqual(0.05 + 1e-9);
      // The district score is the population-weighted mean of its neighbourhoods'.
      const mean =
        own.reduce((sum, entry) => sum + (entry.place.population as number) * entry.score, 0) /
        own.reduce((sum, entry) => sum + (entry.place.population as number), 0);
      expect(Math.abs(valueOf(index, district.code, "imd_score") - mean)).toBeLessThanOrEqual(0.05);
    }
    const regionShare = valueOf(index, "X12000001", "deprived_neighbourhood_share");
    expect(Math.abs(regionShare - (100 * decile) / neighbourhoods.length)).toBeLessThanOrEqual(
      0.05 + 1e-9,
    );
  });

  test("generateDemo(seed) employs people in at least 80 of the 88 divisions in every district and year", () => {
    const data = demo(seed);
    const divisionCodes = new Set(sic2007Divisions.map(([code]) => code));
    expect(divisionCodes.size).toBe(88);
    const districts = districtsOf(data);
    expect(data.employment).toHaveLength(districts.length * years.length * 88);
    for (const row of data.employment) {
      expect(divisionCodes.has(row.industryCode)).toBe(true);
      expect(Number.isInteger(row.employees) && row.employees >= 0).toBe(true);
    }
    for (const period of years) {
      const employment = employmentIn(data.employment, period);
      for (const district of districts) {
        const divisions = employment.byPlace.get(district.code) as Map<string, number>;
        expect(divisions.size).toBe(88);
        expect([...divisions.values()].filter((count) => count > 0).length).toBeGreaterThanOrEqual(
          80,
        );
      }
    }
  });

  test("generateDemo(seed) shares each district's latest employment among its neighbourhoods exactly, offices away from the most deprived", () => {
    const data = demo(seed);
    const latest = years.at(-1)!;
    const districtOf = new Map(
      data.places
        .filter((place) => place.kind === "neighbourhood")
        .map((place) => [place.code, place.parentCode!]),
    );
    expect(data.neighbourhoodEmployment).toHaveLength(districtOf.size * 88);
    const summed = new Map<string, number>();
    for (const row of data.neighbourhoodEmployment) {
      expect(row.period).toBe(latest);
      expect(Number.isInteger(row.employees) && row.employees >= 0).toBe(true);
      const key = `${districtOf.get(row.placeCode)!} ${row.industryCode}`;
      summed.set(key, (summed.get(key) ?? 0) + row.employees);
    }
    for (const row of data.employment.filter((entry) => entry.period === latest))
      expect(summed.get(`${row.placeCode} ${row.industryCode}`)).toBe(row.employees);
    // Across the region, the most deprived fifth of each district's neighbourhoods holds a
    // smaller share of finance (section K: divisions 64 to 66) than of retail (division 47).
    const score = new Map(
      data.observations
        .filter((row) => row.indicatorId === "imd_score" && row.period === latest)
        .map((row) => [row.placeCode, row.value!]),
    );
    const deprived = new Set<string>();
    for (const district of new Set(districtOf.values())) {
      const own = [...districtOf.keys()]
        .filter((code) => districtOf.get(code) === district)
        .sort((a, b) => score.get(b)! - score.get(a)!);
      own.slice(0, Math.ceil(own.length / 5)).forEach((code) => deprived.add(code));
    }
    const shareInDeprived = (divisions: string[]): number => {
      const rows = data.neighbourhoodEmployment.filter((row) =>
        divisions.includes(row.industryCode),
      );
      const inDeprived = rows.filter((row) => deprived.has(row.placeCode));
      const sum = (list: Employment[]): number =>
        list.reduce((total, row) => total + row.employees, 0);
      return sum(inDeprived) / sum(rows);
    };
    expect(shareInDeprived(["64", "65", "66"])).toBeLessThan(shareInDeprived(["47"]));
  });

  test("generateDemo(seed) gives 40% to 50% of the population as employees", () => {
    const data = demo(seed);
    const index = observationIndex(data);
    for (const period of years) {
      const { totals } = employmentIn(data.employment, period);
      for (const district of districtsOf(data)) {
        // The year's population, from the latest population and the density's change.
        const population =
          ((district.population as number) *
            valueOf(index, district.code, "population_density", period)) /
          valueOf(index, district.code, "population_density");
        const ratio = (totals.get(district.code) as number) / population;
        expect(ratio).toBeGreaterThanOrEqual(0.395);
        expect(ratio).toBeLessThanOrEqual(0.505);
      }
    }
  });

  test("generateDemo(seed) keeps the foundational economy at 35% or more of every district's employees", () => {
    const data = demo(seed);
    for (const period of years) {
      const employment = employmentIn(data.employment, period);
      for (const district of districtsOf(data)) {
        const divisions = employment.byPlace.get(district.code) as Map<string, number>;
        let foundational = 0;
        for (const [code, count] of divisions) {
          if (foundationalDivisions.has(code)) foundational += count;
        }
        expect(
          foundational / (employment.totals.get(district.code) as number),
        ).toBeGreaterThanOrEqual(0.35);
      }
    }
  });

  test("generateDemo(seed) has specialised districts with location quotients above 2 in their clusters", () => {
    const data = demo(seed);
    const clusters = {
      advancedManufacturing: ["29", "30"],
      port: ["50", "52"],
      digital: ["62", "63"],
    };
    const districts = districtsOf(data);
    const city = districts.find((place) => (place.population as number) >= 350_000) as Place;
    for (const period of years) {
      const employment = employmentIn(data.employment, period);
      const specialised = new Set<string>();
      for (const divisions of Object.values(clusters)) {
        const quotients = districts.map((place) =>
          locationQuotient(employment, place.code, divisions),
        );
        const best = Math.max(...quotients);
        expect(best).toBeGreaterThan(2);
        const leader = districts[quotients.indexOf(best)] as Place;
        expect(leader.code).not.toBe(city.code);
        specialised.add(leader.code);
      }
      // Three distinct specialised districts.
      expect(specialised.size).toBe(3);
    }
  });

  test("generateDemo(seed) has three or four left-behind districts by the 80% rule", () => {
    const data = demo(seed);
    const index = observationIndex(data);
    const region = "X12000001";
    const regionGva = valueOf(index, region, "gva_per_head");
    const regionPay = valueOf(index, region, "median_weekly_pay");
    const leftBehind = districtsOf(data).filter(
      (place) =>
        valueOf(index, place.code, "gva_per_head") < 0.8 * regionGva ||
        valueOf(index, place.code, "median_weekly_pay") < 0.8 * regionPay,
    );
    expect(leftBehind.length).toBeGreaterThanOrEqual(3);
    expect(leftBehind.length).toBeLessThanOrEqual(4);
    for (const place of leftBehind) {
      for (const indicatorId of [
        "child_poverty",
        "unemployment_rate",
        "deprived_neighbourhood_share",
      ]) {
        expect(
          valueOf(index, place.code, indicatorId),
          `${place.name} ${indicatorId}`,
        ).toBeGreaterThan(valueOf(index, region, indicatorId));
      }
    }
  });

  test("generateDemo(seed) makes two HexJSON layouts with one hexagon per place at distinct cells", () => {
    const data = demo(seed);
    expect(data.layouts.map((layout) => layout.id)).toEqual([
      "demo-districts",
      "demo-neighbourhoods",
    ]);
    const expectedCodes = {
      "demo-districts": districtsOf(data).map((place) => place.code),
      "demo-neighbourhoods": neighbourhoodsOf(data).map((place) => place.code),
    };
    const byCode = new Map(data.places.map((place) => [place.code, place]));
    for (const layout of data.layouts) {
      expect(layout.hexjson.layout).toBe("odd-r");
      const codes = Object.keys(layout.hexjson.hexes);
      expect(codes.sort()).toEqual(
        [...expectedCodes[layout.id as keyof typeof expectedCodes]].sort(),
      );
      const hexes = Object.entries(layout.hexjson.hexes);
      const cells = hexes.map(([, hex]) => `${hex.q},${hex.r}`);
      expect(new Set(cells).size).toBe(cells.length);
      for (const [code, hex] of hexes) {
        expect(Number.isInteger(hex.q) && Number.isInteger(hex.r)).toBe(true);
        expect(hex.q).toBeGreaterThanOrEqual(0);
        expect(hex.r).toBeGreaterThanOrEqual(0);
        expect(hex.n).toBe(byCode.get(code)?.name);
        expect(hex.region).toBe(byCode.get(code)?.parentCode);
      }
    }
  });

  test("generateDemo(seed) lays out districts, and each district's neighbourhoods, contiguously", () => {
    const data = demo(seed);
    const [districtLayout, neighbourhoodLayout] = data.layouts.map((layout) =>
      Object.values(layout.hexjson.hexes),
    ) as [HexJsonHex[], HexJsonHex[]];
    expect(isContiguous(districtLayout)).toBe(true);
    // Compact: the 14 districts fit within five rows and five columns.
    const span = (values: number[]) => Math.max(...values) - Math.min(...values) + 1;
    expect(span(districtLayout.map((hex) => hex.q))).toBeLessThanOrEqual(5);
    expect(span(districtLayout.map((hex) => hex.r))).toBeLessThanOrEqual(5);
    expect(isContiguous(neighbourhoodLayout)).toBe(true);
    for (const district of districtsOf(data)) {
      const own = neighbourhoodLayout.filter((hex) => hex.region === district.code);
      expect(own.length).toBeGreaterThanOrEqual(5);
      expect(isContiguous(own), district.name).toBe(true);
    }
  });
});
