import type { Random } from "../../demo/index.js";
import type { Lm3Row } from "../methods/localMultiplier.js";
import type { DemoAward } from "./demoReleases.js";
import type { DemoSupplier } from "./demoSuppliers.js";

const localRespondents = 28;
const elsewhereRespondents = 12;
// The chance that a supplier leaves a question unanswered: round 3 asks about others' spending,
// which suppliers know less well.
const roundTwoMissing = 0.08;
const roundThreeMissing = 0.25;

/**
 * The answers of an LM3 survey of about 40 suppliers that won the demo's awards (28 in the region
 * and 12 outside, fewer if fewer won), one row per supplier and buyer, with the buyer's id as
 * the row's group and the value the buyer awarded the supplier as its spend. A supplier gives
 * the same answers on each of its rows; some answers are missing (`null`). Suppliers in the
 * region spend more of their income with local firms and staff than those outside, as in the
 * New Economics Foundation's LM3 studies (Sacks 2002, "The Money Trail").
 */
export function demoLm3Survey(
  awards: readonly DemoAward[],
  suppliers: ReadonlyMap<string, DemoSupplier>,
  random: Random,
): Lm3Row[] {
  const spend = new Map<string, Map<string, number>>();
  for (const award of awards) {
    const byBuyer = spend.get(award.supplierId) ?? new Map<string, number>();
    byBuyer.set(award.buyerId, (byBuyer.get(award.buyerId) ?? 0) + award.valuePence);
    spend.set(award.supplierId, byBuyer);
  }
  const winners = [...spend.keys()].sort();
  const isLocal = (id: string) => suppliers.get(id)?.placeCode !== undefined;
  const chosen = [
    ...random.shuffle(winners.filter(isLocal)).slice(0, localRespondents),
    ...random.shuffle(winners.filter((id) => !isLocal(id))).slice(0, elsewhereRespondents),
  ].sort();

  const share = (low: number, high: number, missing: number): number | null =>
    random.next() < missing ? null : Math.round(random.uniform(low, high) * 100) / 100;
  return chosen.flatMap((supplierId) => {
    const local = isLocal(supplierId);
    const supplierSpendShare = share(0.25, 0.5, roundTwoMissing);
    // Supplier spend and staff pay together stay below the whole income, leaving a margin.
    const staffShare = share(0.25, 0.9 - (supplierSpendShare ?? 0.5), roundTwoMissing);
    const answers = {
      supplierSpendShare,
      localSupplierShare: local
        ? share(0.25, 0.6, roundTwoMissing)
        : share(0.03, 0.15, roundTwoMissing),
      staffShare,
      localStaffShare: local ? share(0.6, 0.95, roundTwoMissing) : share(0, 0.1, roundTwoMissing),
      localSupplierRespendShare: share(0.15, 0.4, roundThreeMissing),
      localStaffRespendShare: share(0.2, 0.45, roundThreeMissing),
    };
    const byBuyer = spend.get(supplierId)!;
    return [...byBuyer.keys()].sort().map((buyerId) => ({
      supplierId,
      group: buyerId,
      spendPence: byBuyer.get(buyerId)!,
      ...answers,
    }));
  });
}
