import { describe, expect, test } from "vitest";
import { OutwardCodeTally, outwardCodePlaces } from "./outwardCodePlaces.js";
import type { DirectoryPostcode } from "./outwardCodePlaces.js";

const exeter = "E07000041";
const eastDevon = "E07000040";
const teignbridge = "E07000045";

const live = (
  outwardCode: string,
  districtCode: string,
  latitude: number,
  longitude: number,
): DirectoryPostcode => ({ outwardCode, districtCode, terminated: false, latitude, longitude });

describe("outwardCodePlaces", () => {
  test("outwardCodePlaces([]) gives no places and zero counts", () => {
    expect(outwardCodePlaces([])).toEqual({
      places: [],
      totals: { postcodes: 0, live: 0, terminated: 0, gridless: 0 },
    });
  });

  test("outwardCodePlaces(one postcode) places its outward code at the postcode", () => {
    expect(outwardCodePlaces([live("EX1", exeter, 50.72, -3.52)]).places).toEqual([
      {
        outwardCode: "EX1",
        districtCode: exeter,
        latitude: 50.72,
        longitude: -3.52,
        postcodes: 1,
        districtPostcodes: 1,
      },
    ]);
  });

  test("outwardCodePlaces(postcodes) puts an outward code in the district most of its live postcodes are in, at the mean of all of them", () => {
    // Worked by hand: EX5 has three postcodes in East Devon and one in Exeter, so it is East
    // Devon's; its centroid is the mean of the four, (50.70 + 50.74 + 50.78 + 50.72) / 4 = 50.735
    // north and (-3.40 - 3.44 - 3.48 - 3.52) / 4 = -3.46 east.
    const { places, totals } = outwardCodePlaces([
      live("EX5", eastDevon, 50.7, -3.4),
      live("EX5", exeter, 50.72, -3.52),
      live("EX5", eastDevon, 50.74, -3.44),
      live("EX5", eastDevon, 50.78, -3.48),
    ]);
    expect(places).toHaveLength(1);
    expect(places[0]).toMatchObject({
      outwardCode: "EX5",
      districtCode: eastDevon,
      postcodes: 4,
      districtPostcodes: 3,
    });
    expect(places[0]!.latitude).toBeCloseTo(50.735, 12);
    expect(places[0]!.longitude).toBeCloseTo(-3.46, 12);
    expect(totals).toEqual({ postcodes: 4, live: 4, terminated: 0, gridless: 0 });
  });

  test("outwardCodePlaces(postcodes) leaves out and counts terminated postcodes and those without a grid reference", () => {
    const { places, totals } = outwardCodePlaces([
      live("EX2", exeter, 50.7, -3.5),
      // Terminated: left out even though it has a grid reference and another district.
      { ...live("EX2", teignbridge, 50.6, -3.6), terminated: true },
      { ...live("EX2", teignbridge, 50.6, -3.6), terminated: true },
      // Live, but the directory has no grid reference for it (ONSPD: latitude 99.999999).
      {
        outwardCode: "EX2",
        districtCode: teignbridge,
        terminated: false,
        latitude: undefined,
        longitude: undefined,
      },
      // An outward code whose postcodes are all terminated is not placed at all.
      { ...live("EX99", exeter, 50.7, -3.5), terminated: true },
    ]);
    expect(places).toEqual([
      {
        outwardCode: "EX2",
        districtCode: exeter,
        latitude: 50.7,
        longitude: -3.5,
        postcodes: 1,
        districtPostcodes: 1,
      },
    ]);
    expect(totals).toEqual({ postcodes: 5, live: 1, terminated: 3, gridless: 1 });
  });

  test("outwardCodePlaces(postcodes) breaks a tie between districts by the lowest code, whatever the order", () => {
    const postcodes = [
      live("TQ12", teignbridge, 50.53, -3.61),
      live("TQ12", eastDevon, 50.55, -3.6),
      live("TQ12", teignbridge, 50.54, -3.62),
      live("TQ12", eastDevon, 50.56, -3.59),
    ];
    const forwards = outwardCodePlaces(postcodes).places[0]!;
    const backwards = outwardCodePlaces([...postcodes].reverse()).places[0]!;
    expect(forwards.districtCode).toBe(eastDevon);
    expect(forwards.districtPostcodes).toBe(2);
    expect(backwards.districtCode).toBe(eastDevon);
    expect(backwards.latitude).toBeCloseTo(forwards.latitude, 12);
  });

  test("outwardCodePlaces(postcodes) lists the outward codes by code", () => {
    const { places } = outwardCodePlaces([
      live("EX2", exeter, 50.7, -3.5),
      live("EX10", eastDevon, 50.68, -3.24),
      live("EX1", exeter, 50.72, -3.52),
    ]);
    expect(places.map((place) => place.outwardCode)).toEqual(["EX1", "EX10", "EX2"]);
  });

  test("OutwardCodeTally keeps the mean of many equal latitudes exact", () => {
    const tally = new OutwardCodeTally();
    for (let index = 0; index < 100_000; index++) tally.add(live("EX4", exeter, 50.73, -3.53));
    const [place] = tally.places();
    expect(place!.latitude).toBe(50.73);
    expect(place!.longitude).toBe(-3.53);
    expect(tally.totals().live).toBe(100_000);
  });
});
