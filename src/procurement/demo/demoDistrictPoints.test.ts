import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/index.js";
import { haversineKm } from "../methods/tenderMatch.js";
import { demoDistrictPoints } from "./demoDistrictPoints.js";

const districts = Array.from({ length: 14 }, (_, index) => ({
  code: `X08${String(index + 1).padStart(6, "0")}`,
  name: `District ${index + 1}`,
}));

describe("demoDistrictPoints", () => {
  test("demoDistrictPoints(districts without points) spreads them over a small box, seeded", () => {
    const points = demoDistrictPoints(districts, new Random(1));
    expect(points.map((point) => point.placeCode)).toEqual(districts.map((d) => d.code));
    expect(demoDistrictPoints(districts, new Random(1))).toEqual(points);
    expect(demoDistrictPoints(districts, new Random(2))).not.toEqual(points);
    let nearest = Number.POSITIVE_INFINITY;
    let farthest = 0;
    points.forEach((a, i) => {
      expect(a.latitude).toBeGreaterThanOrEqual(54.5);
      expect(a.latitude).toBeLessThanOrEqual(55);
      expect(a.longitude).toBeGreaterThanOrEqual(1.6);
      expect(a.longitude).toBeLessThanOrEqual(2.6);
      points.slice(i + 1).forEach((b) => {
        const km = haversineKm(a, b);
        nearest = Math.min(nearest, km);
        farthest = Math.max(farthest, km);
      });
    });
    // Best-candidate sampling keeps districts apart: none on top of another.
    expect(nearest).toBeGreaterThan(5);
    expect(farthest).toBeLessThan(90);
  });

  test("demoDistrictPoints(districts with points) keeps them and draws nothing", () => {
    const placed = districts.map((d, i) => ({ ...d, latitude: 52 + i / 10, longitude: -2 }));
    const random = new Random(1);
    const points = demoDistrictPoints(placed, random);
    expect(points[4]).toEqual({ placeCode: "X08000005", latitude: 52.4, longitude: -2 });
    expect(random.next()).toBe(new Random(1).next());
  });

  test("demoDistrictPoints(a coordinate out of range) throws an InputError", () => {
    const bad = [{ ...districts[0]!, latitude: 91, longitude: 0 }];
    expect(() => demoDistrictPoints(bad, new Random(1))).toThrow(InputError);
  });
});
