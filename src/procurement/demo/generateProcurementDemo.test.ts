import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { generateDemo } from "../../demo/index.js";
import { localMultiplier } from "../methods/localMultiplier.js";
import { sharedNeeds, sharedServices } from "../methods/sharedServices.js";
import type { CompiledRelease, OcdsParty, OcdsRelease } from "../ocds/index.js";
import { compileReleases, groupByOcid, summariseCompiled, validateRelease } from "../ocds/index.js";
import type { ProcurementDemo, ProcurementDemoDistrict } from "./index.js";
import {
  demoBuyerKinds,
  demoCpvCodes,
  demoOcidPrefix,
  elsewhereRegion,
  generateProcurementDemo,
  otherSupplierIdPrefix,
  registerIdPrefix,
} from "./index.js";

const asOf = "2026-11-28";
const defaultSeed = 20261128;
// The invariants must hold for any seed, not only the default one.
const seeds = [defaultSeed, 1, 7, 42, 987_654_321];

// The default demo's 14 districts; three are flagged left behind, as the scorecard's lens might.
const districts: ProcurementDemoDistrict[] = generateDemo()
  .places.filter((place) => place.kind === "district")
  .map((place, index) => ({
    code: place.code,
    name: place.name,
    leftBehind: [2, 6, 10].includes(index),
  }));
const districtCodes = new Set(districts.map((district) => district.code));
const leftBehindCodes = new Set(districts.filter((d) => d.leftBehind).map((d) => d.code));

interface Generated {
  demo: ProcurementDemo;
  compiled: CompiledRelease[];
}
const generated = new Map<number, Generated>();
function run(seed: number): Generated {
  let entry = generated.get(seed);
  if (entry === undefined) {
    const demo = generateProcurementDemo(districts, seed, { asOf });
    const compiled = [...groupByOcid(demo.releases).values()].map((releases) =>
      compileReleases(releases),
    );
    entry = { demo, compiled };
    generated.set(seed, entry);
  }
  return entry;
}

/** Every award of the compiled releases with its supplier's party and the buyer's id. */
function awardsOf(compiled: readonly CompiledRelease[]) {
  return compiled.flatMap((release) => {
    const parties = new Map((release.parties ?? []).map((party) => [party.id, party]));
    return (release.awards ?? []).map((award) => {
      const supplierId = award.suppliers![0]!.id as string;
      return {
        ocid: release.ocid,
        buyerId: release.buyer!.id as string,
        year: Number(award.date!.slice(0, 4)),
        amount: award.value!.amount!,
        supplierId,
        party: parties.get(supplierId)!,
      };
    });
  });
}

type Award = ReturnType<typeof awardsOf>[number];
const isSme = (award: Award) => award.party.details?.scale === "sme";
const isLocal = (award: Award) => award.party.address?.postalCode?.startsWith("BV") === true;
function valueShare(awards: readonly Award[], test: (award: Award) => boolean): number {
  const total = awards.reduce((sum, award) => sum + award.amount, 0);
  return awards.filter(test).reduce((sum, award) => sum + award.amount, 0) / total;
}
function districtOfPostcode(demo: ProcurementDemo, postcode: string): string | undefined {
  const outcode = postcode.split(" ")[0];
  return demo.outcodes.find((entry) => entry.outcode === outcode)?.placeCode;
}

describe("generateProcurementDemo", () => {
  test("generateProcurementDemo(districts, seed, options) gives the same demo for the same seed", () => {
    const again = generateProcurementDemo(districts, defaultSeed, { asOf });
    expect(again).toEqual(run(defaultSeed).demo);
    expect(JSON.stringify(again)).toBe(JSON.stringify(run(defaultSeed).demo));
  });

  test("generateProcurementDemo(districts, other seed, options) gives a different demo", () => {
    const [first, second] = [run(defaultSeed).demo, run(1).demo];
    expect(JSON.stringify(first.releases)).not.toBe(JSON.stringify(second.releases));
    expect(first.suppliers).not.toEqual(second.suppliers);
    expect(first.sharedNeeds).not.toEqual(second.sharedNeeds);
    expect(first.lm3Survey).not.toEqual(second.lm3Survey);
    expect(first.districtPoints).not.toEqual(second.districtPoints);
  });

  test.each(seeds)("every release validates with no problems (seed %i)", (seed) => {
    const { demo } = run(seed);
    const problems = demo.releases.flatMap((release) =>
      validateRelease(release).problems.map(
        (problem) => `${release.id} ${problem.path}: ${problem.message}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  test.each(seeds)(
    "about 400 processes with fictional ocids, each opened by a tender release (seed %i)",
    (seed) => {
      const { demo } = run(seed);
      const groups = groupByOcid(demo.releases);
      expect(groups.size).toBe(400);
      for (const [ocid, releases] of groups) {
        expect(ocid).toMatch(/^ocds-fictional-bv-\d{6}$/);
        expect(ocid.startsWith(demoOcidPrefix)).toBe(true);
        expect(releases[0]!.tag).toEqual(["tender"]);
        expect(new Set(releases.map((release) => release.id)).size).toBe(releases.length);
        const dates = releases.map((release) => release.date);
        expect(dates).toEqual([...dates].sort());
      }
      expect(demo.releases.length).toBeGreaterThan(900);
    },
  );

  test("release dates run from 2021 up to asOf", () => {
    const dates = run(defaultSeed)
      .demo.releases.map((release) => release.date)
      .sort();
    expect(dates[0]! >= "2021-01-01").toBe(true);
    expect(dates[0]! < "2021-04-01").toBe(true);
    expect(dates.at(-1)! <= `${asOf}T23:59:59Z`).toBe(true);
    expect(dates.at(-1)! >= "2026-10-01").toBe(true);
  });

  test.each(seeds)(
    "compiling each ocid gives a tender, and awards for the processes long closed (seed %i)",
    (seed) => {
      const { compiled } = run(seed);
      let awarded = 0;
      let contracted = 0;
      let terminated = 0;
      for (const release of compiled) {
        expect(release.tag).toEqual(["compiled"]);
        const tender = release.tender!;
        expect(tender.items!.length).toBeGreaterThan(0);
        expect(tender.value!.currency).toBe("GBP");
        const end = tender.tenderPeriod!.endDate!;
        // An award follows within 80 days of the deadline, so every process closed longer ago has one.
        const closedLongAgo = Date.parse(end) < Date.parse(asOf) - 81 * 86_400_000;
        if (closedLongAgo) expect(release.awards?.length ?? 0).toBeGreaterThan(0);
        const awards = release.awards;
        if (awards !== undefined && awards !== null) {
          awarded += 1;
          expect(tender.status).toBe("complete");
          expect(awards.every((award) => award.date! > end)).toBe(true);
          expect(awards.every((award) => award.date! <= `${asOf}T23:59:59Z`)).toBe(true);
          const lots = tender.lots ?? [];
          if (lots.length > 0) {
            expect(awards.map((award) => award.relatedLots)).toEqual(lots.map((lot) => [lot.id]));
            expect(lots.every((lot) => lot.status === "complete")).toBe(true);
          }
        } else {
          expect(tender.status).toBe("active");
        }
        for (const contract of release.contracts ?? []) {
          contracted += 1;
          expect(release.awards!.some((award) => award.id === contract.awardID)).toBe(true);
          const ended = contract.period!.endDate! < asOf;
          if (contract.status === "terminated") {
            terminated += 1;
            expect(ended).toBe(true);
          } else {
            expect(contract.status).toBe("active");
          }
        }
      }
      expect(awarded).toBeGreaterThan(300);
      expect(contracted).toBeGreaterThan(150);
      expect(terminated).toBeGreaterThan(30);
    },
  );

  test("the compiled releases summarise with CPV codes, delivery in the region and suppliers' postcodes", () => {
    const { compiled } = run(defaultSeed);
    const known = new Set(demoCpvCodes.map((entry) => entry.code));
    for (const release of compiled) {
      const summary = summariseCompiled(release);
      expect(summary.buyer?.name).toMatch(/\(fictional\)$/);
      expect(summary.cpvCodes.length).toBeGreaterThan(0);
      expect(summary.cpvCodes.every((code) => known.has(code))).toBe(true);
      expect(summary.deliveryRegions).toEqual(["Breveland"]);
      expect(
        summary.deliveryPostcodes.every((postcode) => /^BV\d{1,2} \d[A-Z]{2}$/.test(postcode)),
      ).toBe(true);
      for (const award of summary.awards) {
        expect(award.suppliers).toHaveLength(1);
        expect(award.suppliers[0]!.scale).toMatch(/^(sme|large)$/);
        expect(award.suppliers[0]!.postcode).toBeDefined();
      }
    }
  });

  test("every tender is worth £5,000 to £5m, its lots add up to it, and amounts are whole pounds", () => {
    for (const release of run(defaultSeed).compiled) {
      const tender = release.tender!;
      const amount = tender.value!.amount!;
      expect(amount).toBeGreaterThanOrEqual(5_000);
      expect(amount).toBeLessThanOrEqual(5_000_000);
      const lots = tender.lots ?? [];
      if (lots.length > 0) {
        expect(lots.length).toBeGreaterThanOrEqual(2);
        expect(lots.reduce((sum, lot) => sum + lot.value!.amount!, 0)).toBe(amount);
        expect(tender.items!.map((item) => item.relatedLot)).toEqual(lots.map((lot) => lot.id));
      }
      for (const award of release.awards ?? []) {
        expect(Number.isInteger(award.value!.amount)).toBe(true);
        expect(award.value!.amount!).toBeGreaterThan(0);
      }
    }
    const withLots = run(defaultSeed).compiled.filter((release) => release.tender!.lots);
    expect(withLots.length).toBeGreaterThan(15);
  });

  test("tenders use CPV codes of the curated list across its divisions", () => {
    const codes = run(defaultSeed).compiled.flatMap((release) =>
      release.tender!.items!.map((item) => item.classification!),
    );
    expect(codes.every((code) => code.scheme === "CPV")).toBe(true);
    const used = new Set(codes.map((code) => String(code.id).slice(0, 2)));
    expect(used.size).toBeGreaterThanOrEqual(20);
  });

  test("ten fictional buyers, each a party with the role buyer and a BV postcode", () => {
    const { demo, compiled } = run(defaultSeed);
    expect(demo.buyers).toHaveLength(10);
    expect(new Set(demo.buyers.map((buyer) => buyer.kind))).toEqual(new Set(demoBuyerKinds));
    for (const buyer of demo.buyers) {
      expect(buyer.name).toMatch(/\(fictional\)$/);
      expect(buyer.postcode).toMatch(/^BV\d{1,2} \d[A-Z]{2}$/);
      expect(districtOfPostcode(demo, buyer.postcode)).toBe(buyer.placeCode);
    }
    const buyerIds = new Set(demo.buyers.map((buyer) => buyer.buyerId));
    for (const release of compiled) {
      const id = release.buyer!.id as string;
      expect(buyerIds.has(id)).toBe(true);
      const party = release.parties!.find((candidate) => candidate.id === id)!;
      expect(party.roles).toEqual(["buyer"]);
      expect(party.address!.region).toBe("Breveland");
    }
    // Every buyer buys something.
    expect(new Set(compiled.map((release) => release.buyer!.id))).toEqual(buyerIds);
  });

  test.each(seeds)(
    "award suppliers are parties with the role supplier, a scale and a GB-COH id (seed %i)",
    (seed) => {
      const { demo, compiled } = run(seed);
      const register = new Map(demo.suppliers.map((supplier) => [supplier.supplierId, supplier]));
      const awards = awardsOf(compiled);
      for (const { supplierId, party } of awards) {
        expect(party.roles).toEqual(["supplier"]);
        expect(party.name).toMatch(/\(fictional\)$/);
        expect(party.details!.scale).toMatch(/^(sme|large)$/);
        const identifier = party.identifier as { scheme: string; id: string };
        expect(identifier.scheme).toBe("GB-COH");
        expect(identifier.id).toMatch(/^(BV|XZ)\d{6}$/);
        expect(supplierId).toBe(`GB-COH-${identifier.id}`);
        const postcode = party.address!.postalCode!;
        if (party.address!.region === "Breveland") {
          expect(postcode).toMatch(/^BV\d{1,2} \d[A-Z]{2}$/);
          expect(districtCodes.has(districtOfPostcode(demo, postcode)!)).toBe(true);
        } else {
          expect(party.address!.region).toBe(elsewhereRegion);
          expect(postcode).toMatch(/^Q[A-Z]\d{1,2} \d[A-Z]{2}$/);
        }
        // Every award to a supplier of the register matches it by id, name and postcode.
        if (supplierId.startsWith(registerIdPrefix)) {
          const entry = register.get(supplierId);
          expect(entry).toBeDefined();
          expect(party.name).toBe(entry!.name);
          expect(postcode).toBe(entry!.postcode);
          expect(party.details!.scale).toBe("sme");
        } else {
          expect(supplierId.startsWith(otherSupplierIdPrefix)).toBe(true);
        }
      }
      expect(awards.some((award) => award.supplierId.startsWith(registerIdPrefix))).toBe(true);
    },
  );

  test.each(seeds)(
    "about 35% of the value awarded goes to SMEs and 25% to the region (seed %i)",
    (seed) => {
      const awards = awardsOf(run(seed).compiled);
      const smeShare = valueShare(awards, isSme);
      const localShare = valueShare(awards, isLocal);
      expect(smeShare).toBeGreaterThan(0.2);
      expect(smeShare).toBeLessThan(0.5);
      expect(localShare).toBeGreaterThan(0.12);
      expect(localShare).toBeLessThan(0.45);
    },
  );

  test("the shares to SMEs and to the region rise from the first two years to the last two", () => {
    for (const seed of [defaultSeed, 1, 7]) {
      const awards = awardsOf(run(seed).compiled);
      const early = awards.filter((award) => award.year <= 2022);
      const late = awards.filter((award) => award.year >= 2025);
      expect(valueShare(late, isSme)).toBeGreaterThan(valueShare(early, isSme));
      expect(valueShare(late, isLocal)).toBeGreaterThan(valueShare(early, isLocal));
    }
  });

  test("the shares vary by buyer: the district councils buy more locally than the hospital trust", () => {
    const councils: Award[] = [];
    const hospital: Award[] = [];
    for (const seed of seeds) {
      const { demo, compiled } = run(seed);
      const kindOf = new Map(demo.buyers.map((buyer) => [buyer.buyerId, buyer.kind]));
      for (const award of awardsOf(compiled)) {
        if (kindOf.get(award.buyerId) === "districtCouncil") councils.push(award);
        if (kindOf.get(award.buyerId) === "hospitalTrust") hospital.push(award);
      }
    }
    expect(valueShare(councils, isSme)).toBeGreaterThan(valueShare(hospital, isSme) + 0.1);
    expect(valueShare(councils, isLocal)).toBeGreaterThan(valueShare(hospital, isLocal) + 0.1);
  });

  test("left-behind districts win a smaller share of the region's awards than their share of districts", () => {
    let local = 0;
    let leftBehind = 0;
    for (const seed of seeds) {
      const { demo, compiled } = run(seed);
      for (const award of awardsOf(compiled).filter(isLocal)) {
        local += award.amount;
        const place = districtOfPostcode(demo, award.party.address!.postalCode!)!;
        if (leftBehindCodes.has(place)) leftBehind += award.amount;
      }
    }
    expect(leftBehind / local).toBeLessThan(leftBehindCodes.size / districtCodes.size);
    expect(leftBehind).toBeGreaterThan(0);
  });

  test.each(seeds)(
    "20 tenders are open, closing 2 to 60 days after asOf, without awards (seed %i)",
    (seed) => {
      const open = run(seed).compiled.filter(
        (release) => release.tender!.tenderPeriod!.endDate! > `${asOf}T23:59:59Z`,
      );
      expect(open.length).toBeGreaterThanOrEqual(15);
      expect(open).toHaveLength(20);
      const asOfTime = Date.parse(`${asOf}T00:00:00Z`);
      for (const release of open) {
        const tender = release.tender!;
        expect(tender.status).toBe("active");
        expect(release.awards).toBeUndefined();
        const days = (Date.parse(tender.tenderPeriod!.endDate!) - asOfTime) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(2);
        expect(days).toBeLessThanOrEqual(61);
        expect(tender.tenderPeriod!.startDate! <= `${asOf}T23:59:59Z`).toBe(true);
      }
    },
  );

  test.each(seeds)("the register holds 120 local SMEs in the given districts (seed %i)", (seed) => {
    const { demo } = run(seed);
    const { suppliers } = demo;
    expect(suppliers).toHaveLength(120);
    expect(new Set(suppliers.map((supplier) => supplier.supplierId)).size).toBe(120);
    expect(new Set(suppliers.map((supplier) => supplier.name)).size).toBe(120);
    const points = new Map(demo.districtPoints.map((point) => [point.placeCode, point]));
    const bands = { micro: [1, 9], small: [10, 49], medium: [50, 249] } as const;
    for (const supplier of suppliers) {
      expect(supplier.supplierId).toMatch(/^GB-COH-BV\d{6}$/);
      expect(supplier.name).toMatch(/\(fictional\)$/);
      expect(districtCodes.has(supplier.placeCode)).toBe(true);
      expect(districtOfPostcode(demo, supplier.postcode!)).toBe(supplier.placeCode);
      const point = points.get(supplier.placeCode)!;
      expect(Math.abs(supplier.latitude! - point.latitude)).toBeLessThan(0.15);
      expect(Math.abs(supplier.longitude! - point.longitude)).toBeLessThan(0.25);
      expect(supplier.size).not.toBe("large");
      const [low, high] = bands[supplier.size as keyof typeof bands];
      expect(supplier.employees!).toBeGreaterThanOrEqual(low);
      expect(supplier.employees!).toBeLessThanOrEqual(high);
      expect(supplier.turnoverPence! % 100_000).toBe(0);
      expect(supplier.capacityPence!).toBeGreaterThan(0);
      expect(Number.isInteger(supplier.capacityPence)).toBe(true);
      expect(supplier.cpvCodes.length).toBeGreaterThanOrEqual(1);
      expect(supplier.cpvCodes.length).toBeLessThanOrEqual(5);
      expect(supplier.cpvCodes.every((code) => /^\d{8}$/.test(code))).toBe(true);
      const divisions = new Set(supplier.cpvCodes.map((code) => code.slice(0, 2)));
      expect(divisions.size).toBeLessThanOrEqual(2);
      expect(supplier.accreditations).toEqual([...new Set(supplier.accreditations)].sort());
    }
    // Capacity grows with size.
    const medianCapacity = (size: string) => {
      const values = suppliers
        .filter((supplier) => supplier.size === size)
        .map((supplier) => supplier.capacityPence!)
        .sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)]!;
    };
    expect(medianCapacity("small")).toBeGreaterThan(medianCapacity("micro"));
    expect(medianCapacity("medium")).toBeGreaterThan(medianCapacity("small"));
  });

  test("left-behind districts have fewer register suppliers on average over seeds", () => {
    let inLeftBehind = 0;
    let total = 0;
    for (const seed of seeds) {
      for (const supplier of run(seed).demo.suppliers) {
        total += 1;
        if (leftBehindCodes.has(supplier.placeCode)) inLeftBehind += 1;
      }
    }
    expect(inLeftBehind / total).toBeLessThan(leftBehindCodes.size / districtCodes.size);
  });

  test.each(seeds)(
    "shared needs: about 60 posts by register suppliers that form groups (seed %i)",
    (seed) => {
      const { demo } = run(seed);
      const register = new Map(demo.suppliers.map((supplier) => [supplier.supplierId, supplier]));
      const posts = demo.sharedNeeds;
      expect(posts.length).toBeGreaterThanOrEqual(50);
      expect(posts.length).toBeLessThanOrEqual(70);
      const keys = posts.map((post) => `${post.supplierId}|${post.need}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(posts.every((post) => register.has(post.supplierId))).toBe(true);
      expect(posts.every((post) => (sharedNeeds as readonly string[]).includes(post.need))).toBe(
        true,
      );
      expect(posts.some((post) => post.note !== undefined)).toBe(true);

      const { groups, ungrouped } = sharedServices(
        posts.map((post) => {
          const supplier = register.get(post.supplierId)!;
          return {
            supplierId: post.supplierId,
            need: post.need,
            place: supplier.placeCode,
            lat: supplier.latitude,
            lon: supplier.longitude,
          };
        }),
      );
      expect(groups.length).toBeGreaterThanOrEqual(5);
      expect(groups.some((group) => group.supplierIds.length >= 3)).toBe(true);
      expect(ungrouped.length).toBeGreaterThan(0);
    },
  );

  test.each(seeds)(
    "the LM3 survey covers about 40 award winners, grouped by buyer (seed %i)",
    (seed) => {
      const { demo, compiled } = run(seed);
      const rows = demo.lm3Survey;
      const awards = awardsOf(compiled);
      const respondents = new Set(rows.map((row) => row.supplierId));
      expect(respondents.size).toBeGreaterThanOrEqual(30);
      expect(respondents.size).toBeLessThanOrEqual(40);
      const buyerIds = new Set(demo.buyers.map((buyer) => buyer.buyerId));
      for (const row of rows) {
        expect(buyerIds.has(row.group!)).toBe(true);
        // The spend is what the buyer awarded the supplier, in pence.
        const awarded = awards
          .filter((award) => award.supplierId === row.supplierId && award.buyerId === row.group)
          .reduce((sum, award) => sum + award.amount * 100, 0);
        expect(row.spendPence).toBe(awarded);
        expect(row.spendPence).toBeGreaterThan(0);
      }
      const keys = rows.map((row) => `${row.supplierId}|${row.group}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(rows.some((row) => row.localStaffRespendShare === null)).toBe(true);
      expect(rows.some((row) => row.supplierId.startsWith(registerIdPrefix))).toBe(true);
      expect(rows.some((row) => row.supplierId.startsWith(otherSupplierIdPrefix))).toBe(true);

      const result = localMultiplier(rows);
      expect(result.overall.lm3).toBeGreaterThan(1);
      expect(result.overall.lm3).toBeLessThan(3);
      expect(result.groups.length).toBeGreaterThan(1);
    },
  );

  test("outcodes and district points name every district, in the order given", () => {
    const { demo } = run(defaultSeed);
    expect(demo.outcodes.map((entry) => entry.placeCode)).toEqual(districts.map((d) => d.code));
    expect(demo.outcodes[0]).toEqual({ outcode: "BV1", placeCode: districts[0]!.code });
    expect(demo.outcodes.at(-1)!.outcode).toBe("BV14");
    expect(demo.districtPoints.map((point) => point.placeCode)).toEqual(
      districts.map((d) => d.code),
    );
  });
});

describe("generateProcurementDemo options and input", () => {
  test("generateProcurementDemo(districts, seed, {asOf}) dates everything up to asOf", () => {
    const demo = generateProcurementDemo(districts, 5, { asOf: "2024-06-30" });
    const dates = demo.releases.map((release) => release.date).sort();
    expect(dates[0]! >= "2019-01-01").toBe(true);
    expect(dates.at(-1)! <= "2024-06-30T23:59:59Z").toBe(true);
    const open = [...groupByOcid(demo.releases).values()]
      .map((releases) => compileReleases(releases))
      .filter((release) => release.tender!.tenderPeriod!.endDate! > "2024-06-30T23:59:59Z");
    expect(open).toHaveLength(20);
  });

  test("generateProcurementDemo(districts, seed, {regionName}) names buyers and addresses after it", () => {
    const demo = generateProcurementDemo(districts, 5, { asOf, regionName: "Wexland" });
    expect(demo.buyers[0]!.name).toBe("Wexland County Council (fictional)");
    const tender = demo.releases[0]!.tender!;
    expect(tender.items![0]!.deliveryAddresses![0]!.region).toBe("Wexland");
  });

  test("generateProcurementDemo(districts with coordinates) keeps them", () => {
    const placed = districts.map((district, index) => ({
      ...district,
      latitude: 53 + index / 100,
      longitude: -1 - index / 100,
    }));
    const demo = generateProcurementDemo(placed, 5, { asOf });
    expect(demo.districtPoints[3]).toEqual({
      placeCode: districts[3]!.code,
      latitude: 53.03,
      longitude: -1.03,
    });
    const supplier = demo.suppliers[0]!;
    const point = demo.districtPoints.find((p) => p.placeCode === supplier.placeCode)!;
    expect(Math.abs(supplier.latitude! - point.latitude)).toBeLessThan(0.15);
  });

  test("generateProcurementDemo(few districts) still works, with fewer district councils", () => {
    const demo = generateProcurementDemo(districts.slice(0, 2), 3, { asOf });
    expect(demo.buyers.filter((buyer) => buyer.kind === "districtCouncil")).toHaveLength(2);
    expect(demo.releases.every((release) => validateRelease(release).problems.length === 0)).toBe(
      true,
    );
    const codes = new Set(districts.slice(0, 2).map((d) => d.code));
    expect(demo.suppliers.every((supplier) => codes.has(supplier.placeCode))).toBe(true);
  });

  test("generateProcurementDemo(no districts) throws an InputError", () => {
    expect(() => generateProcurementDemo([], 1, { asOf })).toThrow(InputError);
  });

  test("generateProcurementDemo(repeated district codes) throws an InputError", () => {
    const repeated = [districts[0]!, { ...districts[1]!, code: districts[0]!.code }];
    expect(() => generateProcurementDemo(repeated, 1, { asOf })).toThrow(/repeated/);
  });

  test("generateProcurementDemo(districts, seed, {asOf: not a date}) throws an InputError", () => {
    expect(() => generateProcurementDemo(districts, 1, { asOf: "2026-02-30" })).toThrow(InputError);
    expect(() => generateProcurementDemo(districts, 1, { asOf: "28/11/2026" })).toThrow(InputError);
  });

  test("generateProcurementDemo(some districts with coordinates) throws an InputError", () => {
    const partly = districts.map((district, index) =>
      index === 0 ? { ...district, latitude: 53, longitude: -1 } : district,
    );
    expect(() => generateProcurementDemo(partly, 1, { asOf })).toThrow(
      /every district or for none/,
    );
    const half = [{ ...districts[0]!, latitude: 53 }];
    expect(() => generateProcurementDemo(half, 1, { asOf })).toThrow(/both coordinates/);
  });

  test("generateProcurementDemo(districts, unsafe seed) throws", () => {
    expect(() => generateProcurementDemo(districts, 0.5, { asOf })).toThrow(RangeError);
  });

  test("the releases do not share objects, so changing one leaves the others as they were", () => {
    const demo = generateProcurementDemo(districts, 9, { asOf });
    const [first, second] = groupByOcid(demo.releases).values().next().value as OcdsRelease[];
    (first!.parties![0] as OcdsParty).name = "changed";
    expect(second!.parties![0]!.name).not.toBe("changed");
  });
});
