import { InputError, NotFoundError } from "../core/errors.js";
import { consultationResult } from "../participation/results.js";
import type { Queryable } from "../store/database.js";
import type { EmploymentHistory } from "./methods/sectorPlan.js";

/** A place's employment by industry in its latest year, and in an earlier one. */
export interface StoredEmploymentHistory {
  /** The latest year (period) the place has employment for: the plan's baseline. */
  period: string;
  /** The earlier year of the trend, when asked for. */
  earlierPeriod?: string;
  /** "division" or "section": the most detailed level the place's employment is stored at. */
  level: string;
  industries: EmploymentHistory[];
}

/**
 * A place's employment by industry from the store, for a sector plan: the latest period, at SIC
 * divisions when the place has them there (else sections), and the same industries in
 * `earlierPeriod` for the trend (0 where an industry had none then).
 *
 * @throws NotFoundError for an unknown place or one without employment.
 * @throws InputError when the earlier period is not before the latest or has no employment.
 */
export async function employmentHistory(
  database: Queryable,
  placeCode: string,
  earlierPeriod?: string,
): Promise<StoredEmploymentHistory> {
  const [place] = await database.query<{ name: string }>(
    "select name from places where code = $1",
    [placeCode],
  );
  if (place === undefined) throw new NotFoundError(`There is no place ${placeCode}.`);
  const [latest] = await database.query<{ period: string; level: string }>(
    `select e.period, min(i.level) as level from employment e
     join industries i on i.code = e.industry_code
     where e.place_code = $1 and i.level in ('division', 'section')
     group by e.period order by e.period desc limit 1`,
    [placeCode],
  );
  if (latest === undefined) {
    throw new NotFoundError(
      `${place.name} has no employment by SIC section or division; import it with placefirst import employment.`,
    );
  }
  if (earlierPeriod !== undefined) {
    if (!(earlierPeriod < latest.period)) {
      throw new InputError(
        `the trend must start before ${latest.period}, the latest year of ${place.name}'s employment`,
        { field: "trend-from", value: earlierPeriod },
      );
    }
    const [any] = await database.query(
      "select 1 from employment where place_code = $1 and period = $2 limit 1",
      [placeCode, earlierPeriod],
    );
    if (any === undefined) {
      throw new InputError(`${place.name} has no employment in ${earlierPeriod}`, {
        field: "trend-from",
        value: earlierPeriod,
      });
    }
  }
  // "division" sorts before "section": the place's most detailed level in its latest year.
  const rows = await database.query<{ industry: string; baseline: number; earlier: number }>(
    `select e.industry_code as industry, sum(e.employees) filter (where e.period = $2) as baseline,
       coalesce(sum(e.employees) filter (where e.period = $3), 0) as earlier
     from employment e join industries i on i.code = e.industry_code
     where e.place_code = $1 and i.level = $4 and e.period in ($2, coalesce($3, $2))
     group by e.industry_code
     having sum(e.employees) filter (where e.period = $2) is not null
     order by e.industry_code`,
    [placeCode, latest.period, earlierPeriod ?? null, latest.level],
  );
  return {
    period: latest.period,
    ...(earlierPeriod === undefined ? {} : { earlierPeriod }),
    level: latest.level,
    industries: rows.map((row) => ({
      industry: row.industry,
      baseline: row.baseline,
      ...(earlierPeriod === undefined ? {} : { earlier: row.earlier }),
    })),
  };
}

/** An option of a consultation that names an industry: `sic-62` (a division) or `sic-C`. */
const industryOption = /^sic-(\d{2}|[A-U])$/i;

/**
 * The industries a board chose, from a closed consultation's published ranking: the first `top`
 * options that name a SIC industry (keyed `sic-62` or `sic-C`, as the demo's "Which sector should
 * the strategy back first?" is), best first.
 *
 * @throws NotFoundError when the consultation is unknown or its result is not published.
 * @throws InputError when it ranks no industry.
 */
export async function chosenIndustries(
  database: Queryable,
  consultationId: number,
  top: number,
): Promise<string[]> {
  const result = await consultationResult(database, consultationId);
  const industries = result.tally.ranking
    .map((key) => industryOption.exec(key)?.[1]?.toUpperCase())
    .filter((industry): industry is string => industry !== undefined);
  if (industries.length === 0) {
    throw new InputError(
      "the consultation ranks no industry: its options must be keyed sic-CODE, such as sic-62",
      { field: "chosen", value: String(consultationId) },
    );
  }
  return industries.slice(0, top);
}
