import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { InputError } from "../../core/errors.js";
import { sharedNeeds, sharedServices } from "./sharedServices.js";
import type { SharedNeed, SharedNeedPost } from "./sharedServices.js";

const newcastle = { place: "E08000021", lat: 54.9783, lon: -1.6178 };
const gateshead = { place: "E08000037", lat: 54.9527, lon: -1.6034 };
const durham = { place: "E06000047", lat: 54.7761, lon: -1.5733 };

// Newcastle to Gateshead is about 3 km; Durham is about 20 km from Gateshead and 22.5 km from
// Newcastle.
const posts: SharedNeedPost[] = [
  { supplierId: "s1", need: "hr", ...newcastle },
  { supplierId: "s2", need: "hr", ...gateshead },
  { supplierId: "s3", need: "hr", ...durham },
  // No coordinates, but in the same place as s3.
  { supplierId: "s4", need: "hr", place: durham.place },
  { supplierId: "s5", need: "export", place: newcastle.place },
  { supplierId: "s6", need: "export", ...newcastle },
  { supplierId: "s1", need: "it", ...newcastle },
  { supplierId: "s7", need: "it", place: "E09000001", lat: 51.5155, lon: -0.0922 },
];

/** The great-circle distance by the spherical law of cosines, to check the haversine. */
function cosineDistanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const r = Math.PI / 180;
  const cosine =
    Math.sin(a.lat * r) * Math.sin(b.lat * r) +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.cos((b.lon - a.lon) * r);
  return 6371.0088 * Math.acos(Math.min(1, Math.max(-1, cosine)));
}

/** A seeded Fisher-Yates shuffle. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return shuffled;
}

/** Random posts around Tyneside, some without coordinates. */
function randomPosts(random: () => number, count: number): SharedNeedPost[] {
  const needs: SharedNeed[] = ["hr", "it", "training"];
  return Array.from({ length: count }, (_, index) => {
    const withPosition = random() < 0.8;
    return {
      supplierId: `supplier-${Math.floor(random() * count)}-${index % 3}`,
      need: needs[Math.floor(random() * needs.length)]!,
      place: `P${Math.floor(random() * 8)}`,
      ...(withPosition ? { lat: 54.6 + random() * 0.6, lon: -2 + random() * 1 } : {}),
    };
  });
}

describe("sharedServices", () => {
  test("sharedServices(posts) groups suppliers near each other with the same need, by hand", () => {
    const result = sharedServices(posts);
    expect(result.groups.map((group) => [group.need, group.supplierIds, group.places])).toEqual([
      ["hr", ["s1", "s2"], ["E08000021", "E08000037"]],
      ["hr", ["s3", "s4"], ["E06000047"]],
      ["export", ["s5", "s6"], ["E08000021"]],
    ]);
    const [tyneside, wear, exporters] = result.groups;
    // One supplier in each place: the tie goes to the first code.
    expect(tyneside!.centrePlace).toBe("E08000021");
    expect(tyneside!.spanKm).toBeCloseTo(cosineDistanceKm(newcastle, gateshead), 6);
    expect(tyneside!.spanKm).toBeGreaterThan(2.5);
    expect(tyneside!.spanKm).toBeLessThan(3.5);
    expect(tyneside!.centre!.lat).toBeCloseTo((newcastle.lat + gateshead.lat) / 2, 4);
    expect(wear!.centrePlace).toBe("E06000047");
    expect(wear!.centre!.lat).toBeCloseTo(durham.lat, 12);
    expect(wear!.spanKm).toBe(0);
    expect(exporters!.centre!.lon).toBeCloseTo(newcastle.lon, 12);
    // IT: Newcastle and the City of London are far apart.
    expect(result.ungrouped).toEqual([
      { supplierId: "s1", need: "it" },
      { supplierId: "s7", need: "it" },
    ]);
  });

  test("sharedServices(posts, {distanceKm: 25}) chains Durham to Tyneside by single linkage", () => {
    const result = sharedServices(posts, { distanceKm: 25 });
    const hr = result.groups.filter((group) => group.need === "hr");
    expect(hr).toHaveLength(1);
    expect(hr[0]!.supplierIds).toEqual(["s1", "s2", "s3", "s4"]);
    expect(hr[0]!.centrePlace).toBe("E06000047");
    expect(hr[0]!.spanKm).toBeCloseTo(cosineDistanceKm(newcastle, durham), 6);
  });

  test("sharedServices(posts, {distanceKm: 0}) links only the same place or the same point", () => {
    const result = sharedServices(
      [
        { supplierId: "a", need: "it", place: "X", lat: 54, lon: -1 },
        { supplierId: "b", need: "it", place: "Y", lat: 54, lon: -1 },
        { supplierId: "c", need: "it", place: "Z", lat: 54.001, lon: -1 },
      ],
      { distanceKm: 0 },
    );
    expect(result.groups.map((group) => group.supplierIds)).toEqual([["a", "b"]]);
    expect(result.ungrouped).toEqual([{ supplierId: "c", need: "it" }]);
  });

  test("sharedServices(one supplier posting twice) makes no group of one", () => {
    const result = sharedServices([
      { supplierId: "solo", need: "premises", ...newcastle },
      { supplierId: "solo", need: "premises", ...gateshead },
    ]);
    expect(result.groups).toEqual([]);
    expect(result.ungrouped).toEqual([{ supplierId: "solo", need: "premises" }]);
  });

  test("sharedServices(posts, {minGroupSize: 3}) drops smaller groups", () => {
    const result = sharedServices(posts, { minGroupSize: 3, distanceKm: 25 });
    expect(result.groups.map((group) => group.supplierIds)).toEqual([["s1", "s2", "s3", "s4"]]);
    expect(result.ungrouped.filter((entry) => entry.need === "export")).toHaveLength(2);
  });

  test("sharedServices(no posts) has no groups", () => {
    expect(sharedServices([])).toEqual({ groups: [], ungrouped: [] });
  });

  test("sharedServices(random posts) keeps groups apart beyond the distance and each member linked", () => {
    const random = uniformStream(1984);
    for (let trial = 0; trial < 20; trial += 1) {
      const distanceKm = 2 + random() * 10;
      const randomPostsList = randomPosts(random, 40);
      const result = sharedServices(randomPostsList, { distanceKm });
      const groupOf = new Map<string, number>();
      result.groups.forEach((group, index) => {
        expect(new Set(group.supplierIds).size).toBeGreaterThanOrEqual(2);
        for (const supplierId of group.supplierIds) {
          groupOf.set(`${group.need} ${supplierId}`, index);
        }
      });
      const near = (a: SharedNeedPost, b: SharedNeedPost): boolean =>
        a.supplierId === b.supplierId ||
        a.place === b.place ||
        (a.lat != null &&
          b.lat != null &&
          cosineDistanceKm({ lat: a.lat, lon: a.lon! }, { lat: b.lat, lon: b.lon! }) <= distanceKm);
      const groupKey = (post: SharedNeedPost): number | undefined =>
        groupOf.get(`${post.need} ${post.supplierId}`);
      for (const a of randomPostsList) {
        const sameNeed = randomPostsList.filter((b) => b !== a && b.need === a.need);
        // Posts near each other are always in the same group (or both in none).
        for (const b of sameNeed) if (near(a, b)) expect(groupKey(b)).toBe(groupKey(a));
        // A grouped supplier has some post near a post of another supplier.
        if (groupKey(a) !== undefined) {
          const own = sameNeed.filter((c) => c.supplierId === a.supplierId).concat(a);
          const others = sameNeed.filter((b) => b.supplierId !== a.supplierId);
          expect(own.some((c) => others.some((b) => near(c, b)))).toBe(true);
        }
      }
    }
  });

  test("sharedServices(shuffled posts) gives the same groups whatever the order", () => {
    const random = uniformStream(2);
    for (let trial = 0; trial < 10; trial += 1) {
      const randomPostsList = randomPosts(random, 50);
      const expected = sharedServices(randomPostsList, { distanceKm: 8 });
      expect(expected.groups.length).toBeGreaterThan(0);
      for (let shuffleRound = 0; shuffleRound < 3; shuffleRound += 1) {
        expect(sharedServices(shuffle(randomPostsList, random), { distanceKm: 8 })).toEqual(
          expected,
        );
      }
    }
  });

  test("sharedServices(posts) reports groups by need in the listed order", () => {
    const result = sharedServices(
      [...sharedNeeds].reverse().flatMap((need) => [
        { supplierId: "a", need, place: "X" },
        { supplierId: "b", need, place: "X" },
      ]),
    );
    expect(result.groups.map((group) => group.need)).toEqual([...sharedNeeds]);
    expect(result.groups[0]!.centre).toBeUndefined();
    expect(result.groups[0]!.spanKm).toBe(0);
  });

  test("sharedServices(bad posts or options) throws an InputError naming the field", () => {
    const good = posts[0]!;
    expect(() => sharedServices([{ ...good, need: "catering" as SharedNeed }])).toThrow(
      /posts\[0\]\.need/,
    );
    expect(() => sharedServices([{ ...good, lat: 95 }])).toThrow(/latitude/);
    expect(() => sharedServices([{ ...good, lon: 200 }])).toThrow(/longitude/);
    expect(() => sharedServices([{ ...good, lon: undefined }])).toThrow(/both lat and lon/);
    expect(() => sharedServices([{ ...good, place: "" }])).toThrow(/place code/);
    expect(() => sharedServices([{ ...good, supplierId: "" }])).toThrow(InputError);
    expect(() => sharedServices(posts, { distanceKm: -1 })).toThrow(/distanceKm/);
    expect(() => sharedServices(posts, { minGroupSize: 1 })).toThrow(/minGroupSize/);
  });
});
