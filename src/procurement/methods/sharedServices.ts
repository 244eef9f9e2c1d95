import { InputError } from "../../core/errors.js";
import { haversineKm } from "./tenderMatch.js";

/** The needs an SME can post for sharing with others, in the order groups are reported. */
export const sharedNeeds = [
  "hr",
  "accounts",
  "export",
  "training",
  "premises",
  "equipment",
  "it",
  "marketing",
] as const;

/** A need an SME can share: HR, accounts, export, training, premises, equipment, IT, marketing. */
export type SharedNeed = (typeof sharedNeeds)[number];

/** One SME's posted need. A supplier may post several needs, and a need from several sites. */
export interface SharedNeedPost {
  /** The supplier's id. */
  supplierId: string;
  /** What it needs to share. */
  need: SharedNeed;
  /** Where it is: a place code (a local authority district, say). */
  place: string;
  /** Its latitude in decimal degrees (WGS84), from -90 to 90; give both or neither. */
  lat?: number | null;
  /** Its longitude in decimal degrees (WGS84), from -180 to 180; give both or neither. */
  lon?: number | null;
}

/** How near suppliers must be to share. */
export interface SharedServicesOptions {
  /**
   * The greatest distance between two posts with coordinates for them to be linked, in
   * kilometres (great-circle), 0 or more; default 10. A Placefirst setting, not a standard.
   */
  distanceKm?: number;
  /** The least number of distinct suppliers in a group, 2 or more; default 2. */
  minGroupSize?: number;
}

/** A group of suppliers near each other with the same need. */
export interface SharedServiceGroup {
  /** The need they share. */
  need: SharedNeed;
  /** The suppliers, in id order. */
  supplierIds: string[];
  /** The places of their posts, in code order, without repeats. */
  places: string[];
  /**
   * The place with the most of the group's suppliers, ties to the first in code order: where a
   * shared service would sit.
   */
  centrePlace: string;
  /**
   * The mean position of the group's posts with coordinates (the normalised mean of their unit
   * vectors), or undefined when none has coordinates.
   */
  centre: { lat: number; lon: number } | undefined;
  /**
   * The greatest distance between two of the group's posts with coordinates, in kilometres; 0
   * with fewer than two. Single linkage can chain, so this may exceed `distanceKm`.
   */
  spanKm: number;
}

/** The groups found, and the posts left without one. */
export interface SharedServicesResult {
  /** The groups, by need (in the order of {@link sharedNeeds}), then largest first, then by their first supplier id. */
  groups: SharedServiceGroup[];
  /** The suppliers and needs in no group, by need then supplier id. */
  ungrouped: { supplierId: string; need: SharedNeed }[];
}

/**
 * Groups SMEs that posted the same need and are near each other, so that they could share a
 * service (an HR adviser, an export desk, premises). For each need separately, two posts are
 * linked when they are in the same place, or both have coordinates and lie within `distanceKm`
 * of each other by the haversine great-circle distance (Sinnott 1984, "Virtues of the
 * haversine", Sky and Telescope 68(2)); two posts by the same supplier are linked too. The
 * groups are the connected components of these links (single-linkage clustering at the
 * distance), found with a union-find, and those with fewer than `minGroupSize` distinct
 * suppliers are dropped: there is never a group of one.
 *
 * The result does not depend on the order of the posts: components are sets, and every list is
 * sorted. Time is quadratic in the number of posts of a need. See
 * docs/methods/local-spend.md.
 *
 * @param posts the needs posted.
 * @param options the distance and the least group size.
 * @returns the groups and the suppliers left without one.
 * @throws InputError for an empty supplier id or place, an unknown need, coordinates out of
 *   range or given one without the other, or an option out of range.
 */
export function sharedServices(
  posts: readonly SharedNeedPost[],
  options: SharedServicesOptions = {},
): SharedServicesResult {
  const { distanceKm = 10, minGroupSize = 2 } = options;
  if (!(Number.isFinite(distanceKm) && distanceKm >= 0)) {
    throw new InputError("sharedServices: expected distanceKm to be 0 or more", {
      field: "distanceKm",
      value: String(distanceKm),
    });
  }
  if (!(Number.isInteger(minGroupSize) && minGroupSize >= 2)) {
    throw new InputError("sharedServices: expected minGroupSize to be a whole number, 2 or more", {
      field: "minGroupSize",
      value: String(minGroupSize),
    });
  }
  const checked = posts.map(checkPost);

  const groups: SharedServiceGroup[] = [];
  const ungrouped: { supplierId: string; need: SharedNeed }[] = [];
  for (const need of sharedNeeds) {
    const needPosts = checked.filter((post) => post.need === need);
    const parent = needPosts.map((_, index) => index);
    const find = (index: number): number => {
      let root = index;
      while (parent[root] !== root) root = parent[root]!;
      // Path compression: point every post on the way straight at the root.
      let current = index;
      while (parent[current] !== root) {
        const next = parent[current]!;
        parent[current] = root;
        current = next;
      }
      return root;
    };
    const union = (a: number, b: number): void => {
      const rootA = find(a);
      const rootB = find(b);
      // The lower index becomes the root; any rule would do, as only the components matter.
      if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    };
    for (let a = 0; a < needPosts.length; a += 1) {
      for (let b = a + 1; b < needPosts.length; b += 1) {
        if (linked(needPosts[a]!, needPosts[b]!, distanceKm)) union(a, b);
      }
    }

    const components = new Map<number, CheckedPost[]>();
    needPosts.forEach((post, index) => {
      const root = find(index);
      const members = components.get(root);
      if (members === undefined) components.set(root, [post]);
      else members.push(post);
    });
    const needGroups: SharedServiceGroup[] = [];
    for (const members of components.values()) {
      const supplierIds = [...new Set(members.map((post) => post.supplierId))].sort(compareCodes);
      if (supplierIds.length < minGroupSize) {
        for (const supplierId of supplierIds) ungrouped.push({ supplierId, need });
        continue;
      }
      needGroups.push(describeGroup(need, supplierIds, members));
    }
    needGroups.sort(
      (a, b) =>
        b.supplierIds.length - a.supplierIds.length ||
        compareCodes(a.supplierIds[0]!, b.supplierIds[0]!),
    );
    groups.push(...needGroups);
  }

  // All the posts of a supplier for a need are linked, so it is in one component and listed once.
  ungrouped.sort(
    (a, b) =>
      sharedNeeds.indexOf(a.need) - sharedNeeds.indexOf(b.need) ||
      compareCodes(a.supplierId, b.supplierId),
  );
  return { groups, ungrouped };
}

/** A post checked, with coordinates as a pair or undefined. */
interface CheckedPost {
  supplierId: string;
  need: SharedNeed;
  place: string;
  position: { lat: number; lon: number } | undefined;
}

/** Whether two posts of the same need are linked. */
function linked(a: CheckedPost, b: CheckedPost, limitKm: number): boolean {
  if (a.supplierId === b.supplierId || a.place === b.place) return true;
  if (a.position === undefined || b.position === undefined) return false;
  return distanceKm(a.position, b.position) <= limitKm;
}

/** A group's places, centre and span from its posts. */
function describeGroup(
  need: SharedNeed,
  supplierIds: string[],
  members: readonly CheckedPost[],
): SharedServiceGroup {
  // Each supplier counts once per place, however many posts it made there.
  const suppliersByPlace = new Map<string, Set<string>>();
  for (const post of members) {
    const suppliers = suppliersByPlace.get(post.place) ?? new Set<string>();
    suppliers.add(post.supplierId);
    suppliersByPlace.set(post.place, suppliers);
  }
  const places = [...suppliersByPlace.keys()].sort(compareCodes);
  let centrePlace = places[0]!;
  for (const place of places) {
    if (suppliersByPlace.get(place)!.size > suppliersByPlace.get(centrePlace)!.size) {
      centrePlace = place;
    }
  }

  // The same position posted twice by a supplier counts once; sorting makes the sums below,
  // and so the centre, independent of the order of the posts to the last bit.
  const keyed = new Map<string, { lat: number; lon: number }>();
  for (const post of members) {
    if (post.position === undefined) continue;
    keyed.set(
      `${post.supplierId}\u0000${post.position.lat}\u0000${post.position.lon}`,
      post.position,
    );
  }
  const positions = [...keyed]
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([, position]) => position);
  let spanKm = 0;
  for (let a = 0; a < positions.length; a += 1) {
    for (let b = a + 1; b < positions.length; b += 1) {
      spanKm = Math.max(spanKm, distanceKm(positions[a]!, positions[b]!));
    }
  }
  return {
    need,
    supplierIds,
    places,
    centrePlace,
    centre: meanPosition(positions),
    spanKm,
  };
}

/** The great-circle distance between two positions in kilometres, as the matching measures it. */
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return haversineKm({ latitude: a.lat, longitude: a.lon }, { latitude: b.lat, longitude: b.lon });
}

/**
 * The mean of positions as the direction of the sum of their unit vectors, which, unlike the
 * mean of the degrees, is right across the antimeridian; undefined for no positions or when
 * they cancel out.
 */
function meanPosition(
  positions: readonly { lat: number; lon: number }[],
): { lat: number; lon: number } | undefined {
  if (positions.length === 0) return undefined;
  const radians = Math.PI / 180;
  let x = 0;
  let y = 0;
  let z = 0;
  for (const { lat, lon } of positions) {
    x += Math.cos(lat * radians) * Math.cos(lon * radians);
    y += Math.cos(lat * radians) * Math.sin(lon * radians);
    z += Math.sin(lat * radians);
  }
  const horizontal = Math.hypot(x, y);
  if (horizontal === 0 && z === 0) return undefined;
  return { lat: Math.atan2(z, horizontal) / radians, lon: Math.atan2(y, x) / radians };
}

function checkPost(post: SharedNeedPost, index: number): CheckedPost {
  const where = (field: string, value: unknown) => ({
    field: `posts[${index}].${field}`,
    value: String(value),
  });
  if (!(typeof post.supplierId === "string" && post.supplierId !== "")) {
    throw new InputError(
      "sharedServices: expected a supplier id (a non-empty string)",
      where("supplierId", post.supplierId),
    );
  }
  if (!sharedNeeds.includes(post.need)) {
    throw new InputError(
      `sharedServices: expected a need, one of ${sharedNeeds.join(", ")}`,
      where("need", post.need),
    );
  }
  if (!(typeof post.place === "string" && post.place !== "")) {
    throw new InputError(
      `sharedServices: supplier "${post.supplierId}": expected a place code`,
      where("place", post.place),
    );
  }
  const hasLat = post.lat != null && !Number.isNaN(post.lat);
  const hasLon = post.lon != null && !Number.isNaN(post.lon);
  if (hasLat !== hasLon) {
    throw new InputError(
      `sharedServices: supplier "${post.supplierId}": expected both lat and lon, or neither`,
      where(hasLat ? "lon" : "lat", hasLat ? post.lon : post.lat),
    );
  }
  let position: { lat: number; lon: number } | undefined;
  if (hasLat) {
    const lat = post.lat!;
    const lon = post.lon!;
    if (!(Number.isFinite(lat) && Math.abs(lat) <= 90)) {
      throw new InputError(
        `sharedServices: supplier "${post.supplierId}": expected a latitude from -90 to 90`,
        where("lat", lat),
      );
    }
    if (!(Number.isFinite(lon) && Math.abs(lon) <= 180)) {
      throw new InputError(
        `sharedServices: supplier "${post.supplierId}": expected a longitude from -180 to 180`,
        where("lon", lon),
      );
    }
    position = { lat, lon };
  }
  return { supplierId: post.supplierId, need: post.need, place: post.place, position };
}

/** Codes in code-unit order, independent of the machine's locale. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
