import { InputError } from "../../core/errors.js";
import {
  levelPhrase,
  qualificationLevels,
  type QualificationLevel,
} from "./qualificationLevels.js";

/**
 * The weight of each criterion in the investment score, 0 or more; they need not sum to 1, as the
 * score divides by the weights it uses. A skills consultation's weight set goes here.
 */
export interface InvestmentWeights {
  /** The size of the gap, divided by the largest gap of the list. Default 1. */
  size?: number;
  /**
   * The occupation's pay, min-max normalised over the listed gaps whose pay is known (all 1 when
   * every known pay is the same). Left out of the score of a gap whose pay is not known. Default 0.
   */
  pay?: number;
  /** Access: 1 for a gap at level 3 or below (entry, 1-2, 3), 0 above. Default 0. */
  access?: number;
}

/** The default weights: rank by the size of the gap alone. */
export const defaultInvestmentWeights: Readonly<Required<InvestmentWeights>> = {
  size: 1,
  pay: 0,
  access: 0,
};

/** Options of {@link rankInvestments}. */
export interface InvestmentRankingOptions {
  /** The weight of each criterion; missing ones are {@link defaultInvestmentWeights}'. */
  weights?: InvestmentWeights;
  /**
   * Each occupation's pay, as median gross annual pay in pounds (ASHE, say). An occupation left
   * out, or with a pay that is not a finite number, has no pay score.
   */
  payByOccupation?: Readonly<Record<string, number>>;
  /** Each occupation's name, to show in the reasons beside its code; default codes alone. */
  occupationNames?: Readonly<Record<string, string>>;
  /** The most entries to return; default all. */
  limit?: number;
}

/** One shortfall on the investment list. */
export interface RankedInvestment {
  /** 1 for the first. */
  rank: number;
  occupation: string;
  level: QualificationLevel;
  /** The shortfall in people, more than 0. */
  gap: number;
  /** The weighted mean of the criteria's scores, from 0 to 1. */
  score: number;
  /** Each criterion's score from 0 to 1; `pay` undefined where the pay is not known. */
  criteria: { size: number; pay: number | undefined; access: number };
  /** The score in words: the gap, and each weighted criterion. */
  reason: string;
}

/**
 * Ranks the shortfalls of a skills gap (the occupation and level cells with a gap above 0) for
 * investment: score = Σ_k w_k x_k / Σ_k w_k over the criteria k with a weight above 0 and a known
 * value, where x_size = gap / largest gap, x_pay = (pay − lowest) / (highest − lowest) and
 * x_access = 1 at level 3 or below. Ties go to the larger gap, then occupation code and level.
 * A surplus is never listed: it needs no investment.
 *
 * @param cells The gaps by occupation and level, such as `SkillsGapResult.byOccupationLevel`.
 * @throws InputError for a negative or non-finite weight, or weights that are all 0.
 */
export function rankInvestments(
  cells: readonly { occupation: string; level: QualificationLevel; gap: number }[],
  options: InvestmentRankingOptions = {},
): RankedInvestment[] {
  const weights = { ...defaultInvestmentWeights, ...options.weights };
  for (const [criterion, weight] of Object.entries(weights)) {
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new InputError("a weight must be a number, 0 or more", {
        field: criterion,
        value: String(weight),
      });
    }
  }
  if (weights.size + weights.pay + weights.access === 0) {
    throw new InputError("at least one weight (size, pay or access) must be above 0", {
      field: "weights",
    });
  }
  const shortfalls = cells.filter((cell) => Number.isFinite(cell.gap) && cell.gap > 0);
  const largest = Math.max(0, ...shortfalls.map((cell) => cell.gap));
  const payOf = (occupation: string): number | undefined => {
    const pay = options.payByOccupation?.[occupation];
    return typeof pay === "number" && Number.isFinite(pay) ? pay : undefined;
  };
  const pays = shortfalls.map((cell) => payOf(cell.occupation)).filter((pay) => pay !== undefined);
  const lowestPay = Math.min(...pays);
  const highestPay = Math.max(...pays);

  const ranked = shortfalls.map((cell) => {
    const pay = payOf(cell.occupation);
    const criteria = {
      size: cell.gap / largest,
      pay:
        pay === undefined
          ? undefined
          : highestPay > lowestPay
            ? (pay - lowestPay) / (highestPay - lowestPay)
            : 1,
      access: qualificationLevels.indexOf(cell.level) <= qualificationLevels.indexOf("3") ? 1 : 0,
    };
    let weighted = weights.size * criteria.size + weights.access * criteria.access;
    let weightUsed = weights.size + weights.access;
    if (criteria.pay !== undefined) {
      weighted += weights.pay * criteria.pay;
      weightUsed += weights.pay;
    }
    const score = weightUsed > 0 ? weighted / weightUsed : 0;
    return { cell, pay, criteria, score };
  });
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.cell.gap - a.cell.gap ||
      a.cell.occupation.localeCompare(b.cell.occupation) ||
      qualificationLevels.indexOf(a.cell.level) - qualificationLevels.indexOf(b.cell.level),
  );
  const listed = options.limit === undefined ? ranked : ranked.slice(0, options.limit);
  return listed.map(({ cell, pay, criteria, score }, index) => ({
    rank: index + 1,
    occupation: cell.occupation,
    level: cell.level,
    gap: cell.gap,
    score,
    criteria,
    reason: reason(cell, options.occupationNames?.[cell.occupation], pay, criteria, weights),
  }));
}

function reason(
  cell: { occupation: string; level: QualificationLevel; gap: number },
  name: string | undefined,
  pay: number | undefined,
  criteria: RankedInvestment["criteria"],
  weights: Required<InvestmentWeights>,
): string {
  const parts = [
    `a shortfall of ${people(cell.gap)} at ${levelPhrase(cell.level)} in occupation ${cell.occupation}` +
      (name === undefined ? "" : ` (${name})`) +
      (weights.size > 0 ? `, ${percent(criteria.size)} of the largest gap` : ""),
  ];
  if (weights.pay > 0) {
    parts.push(
      pay === undefined || criteria.pay === undefined
        ? "pay not known, so left out of the score"
        : `median pay £${Math.round(pay).toLocaleString("en-GB")}, ${percent(criteria.pay)} of the way from the lowest to the highest listed`,
    );
  }
  if (weights.access > 0) {
    parts.push(
      criteria.access === 1
        ? "open to people qualified to level 3 or below"
        : "needs a qualification above level 3",
    );
  }
  return parts.join("; ");
}

function people(count: number): string {
  const rounded = Math.round(count);
  return rounded === 1 ? "1 person" : `${rounded.toLocaleString("en-GB")} people`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
