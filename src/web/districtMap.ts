import { hexLayoutFor } from "../data/service.js";
import type { Queryable } from "../store/database.js";
import { colourScale, hexMap } from "./charts/index.js";

/**
 * A hex map of the stored districts shaded by a value each (money spent, say; a district with
 * none is 0), or undefined when no stored layout covers them. Pages give the figures as a table
 * beside it.
 */
export async function districtValueMap(
  database: Queryable,
  values: ReadonlyMap<string, number>,
  options: { title: string; label: (name: string, value: number) => string },
): Promise<string | undefined> {
  const places = await database.query<{ code: string; name: string }>(
    "select code, name from places where kind = 'district' order by code",
  );
  const found = await hexLayoutFor(
    database,
    places.map((place) => place.code),
  );
  if (found === undefined) return undefined;
  const all = new Map(places.map((place) => [place.code, values.get(place.code) ?? 0]));
  const scale = colourScale(all, { polarity: 1 });
  const names = new Map(places.map((place) => [place.code, place.name]));
  return hexMap({
    layout: found.layout,
    title: options.title,
    fill: scale.fill,
    hasValue: scale.hasValue,
    label: (code) => options.label(names.get(code) ?? code, all.get(code) ?? 0),
  });
}
