import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { InputError } from "../../core/errors.js";
import { lotPlan } from "./lotPlan.js";
import type { ContractItem, LocalSme, LotPlan, LotPlanOptions } from "./lotPlan.js";

const pounds = (amount: number): number => amount * 100;

// A contract worked by hand: three construction items (division 45), a translation item (79)
// and a cleaning item (90), £170,000 in all.
const items: ContractItem[] = [
  { id: "A", cpvCode: "45210000-2", valuePence: pounds(60_000), description: "New build" },
  { id: "B", cpvCode: "45310000-3", valuePence: pounds(30_000) },
  { id: "C", cpvCode: "45330000-9", valuePence: pounds(30_000) },
  { id: "D", cpvCode: "79530000-8", valuePence: pounds(10_000) },
  { id: "E", cpvCode: "90910000-9", valuePence: pounds(40_000) },
];
// A builder good for £70,000; a facilities firm doing translation and cleaning up to £50,000;
// a small cleaner up to £15,000.
const smes: LocalSme[] = [
  { id: "builder", capacityPence: pounds(70_000), capabilities: ["45000000-7"] },
  { id: "facilities", capacityPence: pounds(50_000), capabilities: ["79", "90910000-9"] },
  { id: "cleaner", capacityPence: pounds(15_000), capabilities: ["90"] },
];

/** Checks the plan's limits hold and every item is in exactly one lot. */
function expectFeasible(
  plan: LotPlan,
  contract: readonly ContractItem[],
  options: LotPlanOptions,
): void {
  const seen = plan.lots.flatMap((lot) => lot.itemIds).sort();
  expect(seen).toEqual(contract.map((item) => item.id).sort());
  if (contract.length > 0) expect(plan.lots.length).toBeGreaterThanOrEqual(1);
  expect(plan.lots.length).toBeLessThanOrEqual(options.maxLots ?? Math.max(contract.length, 1));
  const minimum = options.minLotValuePence ?? 0;
  if (!plan.wholeContractBelowMinLotValue) {
    for (const lot of plan.lots) expect(lot.valuePence).toBeGreaterThanOrEqual(minimum);
  } else {
    expect(plan.lots).toHaveLength(1);
  }
  const total = contract.reduce((sum, item) => sum + item.valuePence, 0);
  expect(plan.lots.reduce((sum, lot) => sum + lot.valuePence, 0)).toBe(total);
  expect(plan.valueWithinReachPence).toBe(
    plan.lots.reduce((sum, lot) => (lot.withinReach ? sum + lot.valuePence : sum), 0),
  );
}

/**
 * The best value within reach and the fewest lots reaching it, by enumerating every set
 * partition of the items (restricted growth strings).
 */
function bruteForce(
  contract: readonly ContractItem[],
  localSmes: readonly LocalSme[],
  options: LotPlanOptions,
): { value: number; lots: number } {
  const maxLots = options.maxLots ?? contract.length;
  const minimum = options.minLotValuePence ?? 0;
  const requireCapability = options.requireCapability ?? true;
  const total = contract.reduce((sum, item) => sum + item.valuePence, 0);
  const reachable = (lot: readonly ContractItem[]): boolean => {
    const value = lot.reduce((sum, item) => sum + item.valuePence, 0);
    const divisions = new Set(lot.map((item) => item.cpvCode.slice(0, 2)));
    return localSmes.some(
      (sme) =>
        sme.capacityPence >= value &&
        (!requireCapability ||
          [...divisions].every((division) =>
            sme.capabilities.some((code) => code.slice(0, 2) === division),
          )),
    );
  };
  let best = { value: -1, lots: Infinity };
  const labels = new Array<number>(contract.length).fill(0);
  const visit = (position: number, used: number): void => {
    if (position === contract.length) {
      const lots = Array.from({ length: used }, (_, lot) =>
        contract.filter((_, item) => labels[item] === lot),
      );
      const values = lots.map((lot) => lot.reduce((sum, item) => sum + item.valuePence, 0));
      const feasible =
        total < minimum ? used === 1 : used <= maxLots && values.every((v) => v >= minimum);
      if (!feasible) return;
      const value = lots.reduce(
        (sum, lot, index) => (reachable(lot) ? sum + values[index]! : sum),
        0,
      );
      if (value > best.value || (value === best.value && used < best.lots)) {
        best = { value, lots: used };
      }
      return;
    }
    for (let label = 0; label <= used; label += 1) {
      labels[position] = label;
      visit(position + 1, Math.max(used, label + 1));
    }
  };
  visit(0, 0);
  return best;
}

/** A random contract and SMEs over a few divisions, with whole-pound values. */
function randomInstance(
  random: () => number,
  itemCount: number,
): { contract: ContractItem[]; localSmes: LocalSme[] } {
  const divisions = ["45", "50", "72", "79", "90"];
  const draw = (count: number): number => Math.floor(random() * count);
  const contract = Array.from({ length: itemCount }, (_, index) => ({
    id: `item-${index}`,
    cpvCode: `${divisions[draw(3)]}000000`,
    valuePence: pounds(1 + draw(50)) * 1000,
  }));
  const localSmes = Array.from({ length: 1 + draw(4) }, (_, index) => ({
    id: `sme-${index}`,
    capacityPence: pounds(5 + draw(120)) * 1000,
    capabilities: divisions.filter(() => random() < 0.5),
  }));
  return { contract, localSmes };
}

describe("lotPlan", () => {
  test("lotPlan(items, smes, {maxLots: 3}) splits a contract out of reach into three lots within reach, by hand", () => {
    // As one lot, £170,000 over three divisions is beyond every SME. The construction items
    // need two lots (£120,000 > £70,000): A alone, and B with C (£60,000), for the builder;
    // translation and cleaning together (£50,000) for the facilities firm. All is in reach.
    const plan = lotPlan(items, smes, { maxLots: 3 });
    expect(plan.method).toBe("exact");
    expect(plan.lots).toEqual([
      {
        number: 1,
        itemIds: ["A"],
        valuePence: pounds(60_000),
        cpvDivisions: ["45"],
        withinReach: true,
        smeIds: ["builder"],
      },
      {
        number: 2,
        itemIds: ["B", "C"],
        valuePence: pounds(60_000),
        cpvDivisions: ["45"],
        withinReach: true,
        smeIds: ["builder"],
      },
      {
        number: 3,
        itemIds: ["D", "E"],
        valuePence: pounds(50_000),
        cpvDivisions: ["79", "90"],
        withinReach: true,
        smeIds: ["facilities"],
      },
    ]);
    expect(plan.totalValuePence).toBe(pounds(170_000));
    expect(plan.valueWithinReachPence).toBe(pounds(170_000));
    expect(plan.shareWithinReach).toBe(1);
    expect(plan.oneLotValueWithinReachPence).toBe(0);
    expect(plan.oneLotShareWithinReach).toBe(0);
    expect(plan.upperBoundPence).toBe(pounds(170_000));
    expect(plan.limits).toEqual([]);
    expect(plan.wholeContractBelowMinLotValue).toBe(false);
  });

  test("lotPlan(items, smes, {maxLots: 2}) reaches less and names the lot limit as binding", () => {
    // With two lots the best is one lot for the builder (£60,000) and the rest out of reach.
    const plan = lotPlan(items, smes, { maxLots: 2 });
    expect(plan.lots).toHaveLength(2);
    expect(plan.valueWithinReachPence).toBe(pounds(60_000));
    expect(plan.shareWithinReach).toBeCloseTo(60 / 170, 12);
    expect(plan.limits).toEqual([
      { kind: "maxLots", maxLots: 2, valueWithinReachPence: pounds(170_000) },
    ]);
  });

  test("lotPlan(items, smes, {minLotValuePence}) keeps every lot above the least value and names it as binding", () => {
    // At £55,000 the translation-and-cleaning lot (£50,000) is too small and must join a
    // construction lot, which then no SME can do: £60,000 in reach.
    const options = { maxLots: 3, minLotValuePence: pounds(55_000) };
    const plan = lotPlan(items, smes, options);
    expectFeasible(plan, items, options);
    expect(plan.valueWithinReachPence).toBe(pounds(60_000));
    expect(plan.limits).toEqual([
      {
        kind: "minLotValue",
        minLotValuePence: pounds(55_000),
        valueWithinReachPence: pounds(170_000),
      },
    ]);
  });

  test("lotPlan(items, smes, {requireCapability: false}) compares capacity only", () => {
    // Lots of at most £70,000: three are needed for £170,000, and three suffice.
    const plan = lotPlan(items, smes, { requireCapability: false });
    expect(plan.valueWithinReachPence).toBe(pounds(170_000));
    expect(plan.lots).toHaveLength(3);
    for (const lot of plan.lots) expect(lot.valuePence).toBeLessThanOrEqual(pounds(70_000));
  });

  test("lotPlan(items, smes) names items no SME can do and items too large for any SME", () => {
    const contract: ContractItem[] = [
      ...items,
      { id: "F", cpvCode: "33100000-1", valuePence: pounds(5_000) },
      { id: "G", cpvCode: "45000000-7", valuePence: pounds(80_000) },
    ];
    const plan = lotPlan(contract, smes);
    expect(plan.upperBoundPence).toBe(pounds(170_000));
    expect(plan.valueWithinReachPence).toBe(pounds(170_000));
    expect(plan.limits).toEqual([
      { kind: "capability", itemIds: ["F"], cpvDivisions: ["33"] },
      { kind: "capacity", itemIds: ["G"] },
    ]);
    // The items out of reach go together into one lot rather than taking a lot each.
    expect(plan.lots).toHaveLength(4);
  });

  test("lotPlan(items, smes, {minLotValuePence above the total}) keeps the contract whole and says so", () => {
    const options = { minLotValuePence: pounds(200_000) };
    const plan = lotPlan(items, smes, options);
    expect(plan.wholeContractBelowMinLotValue).toBe(true);
    expect(plan.lots).toHaveLength(1);
    expect(plan.lots[0]!.itemIds).toEqual(["A", "B", "C", "D", "E"]);
    expect(plan.valueWithinReachPence).toBe(0);
    expect(plan.limits).toEqual([
      {
        kind: "minLotValue",
        minLotValuePence: pounds(200_000),
        valueWithinReachPence: pounds(170_000),
      },
    ]);
    // With fewer lots allowed too, lifting the lot limit alone cannot help, and is not named.
    const both = lotPlan(items, smes, { ...options, maxLots: 2 });
    expect(both.lots).toHaveLength(1);
    expect(both.limits.map((limit) => limit.kind)).toEqual(["minLotValue"]);
    expect(lotPlan(items, smes, { ...options, exactMaxItems: 0 }).lots).toHaveLength(1);
  });

  test("lotPlan(items, smes) keeps one lot when one SME can take the whole contract", () => {
    const large = { id: "large", capacityPence: pounds(200_000), capabilities: ["45", "79", "90"] };
    const plan = lotPlan(items, [...smes, large]);
    expect(plan.lots).toHaveLength(1);
    expect(plan.lots[0]!.smeIds).toEqual(["large"]);
    expect(plan.shareWithinReach).toBe(1);
    expect(plan.oneLotShareWithinReach).toBe(1);
  });

  test("lotPlan(items, no SMEs) reaches nothing and says there are no local SMEs", () => {
    const plan = lotPlan(items, []);
    expect(plan.lots).toHaveLength(1);
    expect(plan.valueWithinReachPence).toBe(0);
    expect(plan.upperBoundPence).toBe(0);
    expect(plan.limits).toEqual([{ kind: "noLocalSmes" }]);
  });

  test("lotPlan(no items, smes) is an empty plan with undefined shares", () => {
    const plan = lotPlan([], smes);
    expect(plan.lots).toEqual([]);
    expect(plan.totalValuePence).toBe(0);
    expect(plan.shareWithinReach).toBeUndefined();
    expect(plan.oneLotShareWithinReach).toBeUndefined();
    expect(plan.limits).toEqual([]);
  });

  test("lotPlan(one item, smes) is one lot", () => {
    const plan = lotPlan([items[4]!], smes);
    expect(plan.lots).toEqual([
      {
        number: 1,
        itemIds: ["E"],
        valuePence: pounds(40_000),
        cpvDivisions: ["90"],
        withinReach: true,
        smeIds: ["facilities"],
      },
    ]);
  });

  test("lotPlan(items worth nothing, smes) has undefined shares and zero values", () => {
    const free = [
      { id: "x", cpvCode: "45000000", valuePence: 0 },
      { id: "y", cpvCode: "90000000", valuePence: 0 },
    ];
    const plan = lotPlan(free, smes);
    expect(plan.totalValuePence).toBe(0);
    expect(plan.shareWithinReach).toBeUndefined();
    expect(plan.lots.every((lot) => lot.valuePence === 0)).toBe(true);
  });

  test("lotPlan(items, smes) breaks ties towards fewer lots", () => {
    // Two identical £30,000 items and an SME good for £60,000: one lot or two reach the same.
    const twins = [
      { id: "p", cpvCode: "72000000", valuePence: pounds(30_000) },
      { id: "q", cpvCode: "72000000", valuePence: pounds(30_000) },
    ];
    const sme = [{ id: "it", capacityPence: pounds(60_000), capabilities: ["72"] }];
    expect(lotPlan(twins, sme).lots).toHaveLength(1);
    expect(lotPlan(twins, sme, { exactMaxItems: 0 }).lots).toHaveLength(1);
  });

  test("lotPlan(items, smes) is the same run to run and for either method on the worked example", () => {
    const exact = lotPlan(items, smes, { maxLots: 3 });
    expect(lotPlan(items, smes, { maxLots: 3 })).toEqual(exact);
    const heuristic = lotPlan(items, smes, { maxLots: 3, exactMaxItems: 0 });
    expect(heuristic.method).toBe("heuristic");
    expect(heuristic.lots).toEqual(exact.lots);
  });

  test("lotPlan(random small contracts) matches a brute-force search over every partition", () => {
    const random = uniformStream(2002);
    for (let trial = 0; trial < 150; trial += 1) {
      const itemCount = 1 + Math.floor(random() * 7);
      const { contract, localSmes } = randomInstance(random, itemCount);
      const total = contract.reduce((sum, item) => sum + item.valuePence, 0);
      const options: LotPlanOptions = {
        maxLots: 1 + Math.floor(random() * itemCount),
        minLotValuePence: random() < 0.5 ? 0 : Math.floor((random() * total) / 2),
        requireCapability: random() < 0.8,
      };
      const plan = lotPlan(contract, localSmes, options);
      expect(plan.method).toBe("exact");
      expectFeasible(plan, contract, options);
      const best = bruteForce(contract, localSmes, options);
      expect(plan.valueWithinReachPence).toBe(best.value);
      expect(plan.lots).toHaveLength(best.lots);
    }
  });

  test("lotPlan(random contracts, {exactMaxItems: 0}) is feasible, never below one lot and never above the exact plan", () => {
    const random = uniformStream(1973);
    for (let trial = 0; trial < 120; trial += 1) {
      const itemCount = 1 + Math.floor(random() * 10);
      const { contract, localSmes } = randomInstance(random, itemCount);
      const total = contract.reduce((sum, item) => sum + item.valuePence, 0);
      const options: LotPlanOptions = {
        maxLots: 1 + Math.floor(random() * itemCount),
        minLotValuePence: random() < 0.5 ? 0 : Math.floor((random() * total) / 3),
      };
      const heuristic = lotPlan(contract, localSmes, { ...options, exactMaxItems: 0 });
      expect(heuristic.method).toBe("heuristic");
      expectFeasible(heuristic, contract, options);
      expect(heuristic.valueWithinReachPence).toBeGreaterThanOrEqual(
        heuristic.oneLotValueWithinReachPence,
      );
      const exact = lotPlan(contract, localSmes, options);
      expect(heuristic.valueWithinReachPence).toBeLessThanOrEqual(exact.valueWithinReachPence);
      expect(heuristic.valueWithinReachPence).toBeLessThanOrEqual(heuristic.upperBoundPence);
    }
  });

  test("lotPlan(large contracts) uses the heuristic and stays feasible", () => {
    const random = uniformStream(1979);
    for (let trial = 0; trial < 10; trial += 1) {
      const { contract, localSmes } = randomInstance(random, 40);
      const options = { maxLots: 8, minLotValuePence: pounds(20_000) };
      const plan = lotPlan(contract, localSmes, options);
      expect(plan.method).toBe("heuristic");
      expectFeasible(plan, contract, options);
      expect(plan.valueWithinReachPence).toBeGreaterThanOrEqual(plan.oneLotValueWithinReachPence);
    }
  });

  test("lotPlan(items, smes, {exactMaxItems: 14}) solves fourteen items exactly", () => {
    const { contract, localSmes } = randomInstance(uniformStream(14), 14);
    const plan = lotPlan(contract, localSmes, { exactMaxItems: 14, maxLots: 5 });
    expect(plan.method).toBe("exact");
    expectFeasible(plan, contract, { maxLots: 5 });
  });

  test("lotPlan(items, smes, bad options or data) throws an InputError naming the field", () => {
    expect(() => lotPlan(items, smes, { maxLots: 0 })).toThrow(InputError);
    expect(() => lotPlan(items, smes, { maxLots: 1.5 })).toThrow(/maxLots/);
    expect(() => lotPlan(items, smes, { minLotValuePence: -1 })).toThrow(/minLotValuePence/);
    expect(() => lotPlan(items, smes, { exactMaxItems: 15 })).toThrow(/exactMaxItems/);
    expect(() => lotPlan([{ ...items[0]!, valuePence: 1.5 }], smes)).toThrow(
      /items\[0\]\.valuePence/,
    );
    expect(() => lotPlan([items[0]!, items[0]!], smes)).toThrow(/repeated/);
    expect(() => lotPlan([{ ...items[0]!, cpvCode: "construction" }], smes)).toThrow(
      /CPV code starting with two digits/,
    );
    expect(() => lotPlan(items, [{ ...smes[0]!, capacityPence: -5 }])).toThrow(
      /smes\[0\]\.capacityPence/,
    );
    expect(() => lotPlan(items, [{ ...smes[0]!, capabilities: ["x"] }])).toThrow(
      /smes\[0\]\.capabilities\[0\]/,
    );
  });
});
