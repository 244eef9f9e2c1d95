import type { Random } from "../../demo/index.js";
import type {
  OcdsAddress,
  OcdsAward,
  OcdsContract,
  OcdsItem,
  OcdsLot,
  OcdsParty,
  OcdsRelease,
} from "../ocds/index.js";
import type { DemoBuyer } from "./demoBuyers.js";
import type { DemoCpvCode } from "./demoCpvCodes.js";
import { demoCpvCodes, demoDivision, divisionOf } from "./demoCpvCodes.js";
import { dateTimeOfDay, endOfMonths, firstDayOfYear, yearOfDay } from "./demoDays.js";
import type { ProcurementDemoDistrict } from "./demoDistrictPoints.js";
import type { DemoPostcodes } from "./demoPostcodes.js";
import { districtOutcode } from "./demoPostcodes.js";
import type { DemoSupplier, DemoSupplierPools } from "./demoSuppliers.js";
import { pickWeighted } from "./pickWeighted.js";

/** The start of every demo ocid: "ocds-" and a prefix no publisher is registered with. */
export const demoOcidPrefix = "ocds-fictional-bv-";

/** One award of the demo, as the LM3 survey and the tests read it. */
export interface DemoAward {
  /** The contracting process. */
  ocid: string;
  /** The award's id. */
  awardId: string;
  /** The buyer's id. */
  buyerId: string;
  /** The supplier's id. */
  supplierId: string;
  /** The value awarded, whole pence. */
  valuePence: number;
  /** The calendar year of the award. */
  year: number;
}

/** What {@link demoReleases} needs. */
export interface DemoReleasesInput {
  /** The region's districts, in the order their outward codes are numbered. */
  districts: readonly ProcurementDemoDistrict[];
  /** The buyers. */
  buyers: readonly DemoBuyer[];
  /** The suppliers that can win. */
  pools: DemoSupplierPools;
  /** The region's name, the `region` of delivery addresses. */
  regionName: string;
  /** The day number of the day the demo is as of. */
  asOfDay: number;
  /** The generator of this part of the demo. */
  random: Random;
  /** The drawer of delivery addresses' postcodes. */
  postcodes: DemoPostcodes;
}

const pastProcesses = 380;
const openTenders = 20;
const minimumPounds = 5_000;
const maximumPounds = 5_000_000;
// Scale the divisions' chances so that, over the whole demo, about 35% of the value awarded goes
// to SMEs and about 25% to suppliers in the region: over seeds 100 to 159 with the demo's 14
// districts, the means were 35.4% (25.5% to 47.6%) and 26.4% (17.7% to 41.9%).
const smeCalibration = 1.0;
const localCalibration = 0.9;
// The chance that a contract won by a supplier in the region is won by an SME, relative to the
// chance for any contract: local firms are mostly small.
const localSmeLift = 2.2;

interface Unit {
  lot: OcdsLot | undefined;
  district: number;
  valuePounds: number;
  title: string;
}

/**
 * The releases of the demo's contracting processes: 380 whose tender closed before `asOfDay`,
 * most with an award and many with a contract, and 20 tenders still open, closing 2 to 60 days
 * after it. Processes are numbered in the order their tenders were published.
 */
export function demoReleases(input: DemoReleasesInput): {
  releases: OcdsRelease[];
  awards: DemoAward[];
} {
  const { districts, buyers, pools, regionName, asOfDay, random, postcodes } = input;
  const firstYear = yearOfDay(asOfDay) - 5;
  const firstDay = firstDayOfYear(firstYear);

  const schedule = [
    ...Array.from({ length: pastProcesses }, () => {
      const endDay = random.integer(firstDay + 50, asOfDay - 1);
      return { startDay: endDay - random.integer(21, 45), endDay };
    }),
    ...Array.from({ length: openTenders }, () => ({
      startDay: asOfDay - random.integer(3, 30),
      endDay: asOfDay + random.integer(2, 60),
    })),
  ];
  // Array.prototype.sort is stable, so processes published the same day keep their order.
  schedule.sort((a, b) => a.startDay - b.startDay);

  const releases: OcdsRelease[] = [];
  const awards: DemoAward[] = [];
  schedule.forEach(({ startDay, endDay }, index) => {
    const ocid = `${demoOcidPrefix}${String(index + 1).padStart(6, "0")}`;
    const buyer = pickWeighted(random, buyers, (entry) => entry.processShare);
    const division = pickWeighted(random, Object.keys(buyer.divisions), (key) => {
      return buyer.divisions[key]!;
    });
    const inDivision = demoCpvCodes.filter((entry) => divisionOf(entry.code) === division);
    const forBuyer = inDivision.filter((entry) => entry.buyers?.includes(buyer.kind) ?? true);
    const entry = random.pick(forBuyer.length > 0 ? forBuyer : inDivision);
    const profile = demoDivision(entry.code);

    const median = profile.medianPounds * buyer.scale;
    const drawn = Math.exp(random.normal(Math.log(median), profile.logSpread));
    const valuePounds = roundPounds(Math.min(maximumPounds, Math.max(minimumPounds, drawn)));
    const buyerDistrict = districts.findIndex((district) => district.code === buyer.placeCode);
    const deliveryDistrict =
      buyer.kind === "districtCouncil" && random.next() < 0.85
        ? buyerDistrict
        : random.integer(0, districts.length - 1);

    // Large works and services are often split into lots by area, which opens them to smaller
    // firms; the largest most often.
    const withLots =
      valuePounds >= 150_000 &&
      profile.category !== "goods" &&
      districts.length >= 2 &&
      random.next() < (valuePounds >= 1_000_000 ? 0.6 : 0.3);
    const title = entry.title.replace(
      "{place}",
      withLots ? regionName : districts[deliveryDistrict]!.name,
    );
    const units = withLots
      ? lotUnits(random, districts, title, valuePounds)
      : [{ lot: undefined, district: deliveryDistrict, valuePounds, title }];
    const tenderValue = units.reduce((sum, unit) => sum + unit.valuePounds, 0);
    const address = (district: number): OcdsAddress => ({
      locality: districts[district]!.name,
      region: regionName,
      postalCode: postcodes.inDistrict(districtOutcode(district)),
      countryName: "United Kingdom",
    });
    const items: OcdsItem[] = units.map((unit, position) => ({
      id: String(position + 1),
      description: unit.title,
      classification: classification(entry),
      quantity: 1,
      deliveryAddresses: [address(unit.district)],
      ...(unit.lot === undefined ? {} : { relatedLot: String(unit.lot.id) }),
    }));
    const second = inDivision.filter((other) => other.code !== entry.code);
    if (!withLots && second.length > 0 && random.next() < 0.3) {
      const extra = random.pick(second);
      items.push({
        id: "2",
        description: extra.description,
        classification: classification(extra),
        quantity: 1,
        deliveryAddresses: [address(deliveryDistrict)],
      });
    }
    const method =
      random.next() < 0.05
        ? "limited"
        : valuePounds > 1_000_000 && random.next() < 0.5
          ? "selective"
          : "open";
    const tenderId = `${ocid}-tender`;
    const common = {
      ocid,
      initiationType: "tender",
      language: "en",
      buyer: { id: buyer.buyerId, name: buyer.name },
    };
    releases.push({
      ...common,
      id: `${ocid}-tender-1`,
      date: dateTimeOfDay(startDay, 9),
      tag: ["tender"],
      parties: [structuredClone(buyer.party)],
      tender: {
        id: tenderId,
        title,
        description: `${entry.description}, for ${buyer.name}. A fictional tender of the Placefirst demo.`,
        status: "active",
        value: { amount: tenderValue, currency: "GBP" },
        procurementMethod: method,
        mainProcurementCategory: profile.category,
        items,
        ...(withLots ? { lots: units.map((unit) => unit.lot!) } : {}),
        tenderPeriod: {
          startDate: dateTimeOfDay(startDay, 9),
          endDate: dateTimeOfDay(endDay, 12),
        },
      },
    });

    const awardDay = endDay + random.integer(20, 80);
    if (endDay >= asOfDay || awardDay > asOfDay) return;

    const year = yearOfDay(awardDay);
    const contractStart = awardDay + random.integer(28, 60);
    const months =
      profile.category === "works"
        ? random.integer(3, 18)
        : profile.category === "goods"
          ? random.integer(12, 36)
          : random.integer(12, 48);
    const contractEnd = endOfMonths(contractStart, months);
    const contractPeriod = {
      startDate: dateTimeOfDay(contractStart, 0),
      endDate: dateTimeOfDay(contractEnd, 23, 59),
    };
    const parties: OcdsParty[] = [structuredClone(buyer.party)];
    const processAwards: OcdsAward[] = units.map((unit, position) => {
      const amount = Math.round(unit.valuePounds * random.uniform(0.82, 1.04));
      const supplier = chooseSupplier(random, pools, division, amount, buyer, year - firstYear);
      if (!parties.some((party) => party.id === supplier.supplierId)) {
        parties.push(structuredClone(supplier.party));
      }
      const awardId = `${ocid}-award-${position + 1}`;
      awards.push({
        ocid,
        awardId,
        buyerId: buyer.buyerId,
        supplierId: supplier.supplierId,
        valuePence: amount * 100,
        year,
      });
      return {
        id: awardId,
        title: unit.title,
        status: "active",
        date: dateTimeOfDay(awardDay, 10),
        value: { amount, currency: "GBP" },
        suppliers: [{ id: supplier.supplierId, name: supplier.name }],
        contractPeriod: { ...contractPeriod },
        ...(unit.lot === undefined ? {} : { relatedLots: [String(unit.lot.id)] }),
      };
    });
    releases.push({
      ...common,
      id: `${ocid}-award-1`,
      date: dateTimeOfDay(awardDay, 10),
      tag: ["award"],
      parties,
      tender: {
        id: tenderId,
        status: "complete",
        numberOfTenderers: random.integer(1, 9),
        ...(withLots
          ? { lots: units.map((unit) => ({ id: unit.lot!.id, status: "complete" })) }
          : {}),
      },
      awards: processAwards,
    });

    if (random.next() >= 0.7) return;
    const signedDay = awardDay + random.integer(7, 27);
    if (signedDay > asOfDay) return;
    const contracts: OcdsContract[] = processAwards.map((award, position) => ({
      id: `${ocid}-contract-${position + 1}`,
      awardID: award.id!,
      title: award.title ?? title,
      status: "active",
      value: { ...award.value },
      period: { ...contractPeriod },
      dateSigned: dateTimeOfDay(signedDay, 11),
    }));
    releases.push({
      ...common,
      id: `${ocid}-contract-1`,
      date: dateTimeOfDay(signedDay, 11),
      tag: ["contract"],
      parties: [structuredClone(buyer.party)],
      contracts,
    });
    // A contract that has run its course is closed by a later release, which the compiled
    // release merges over the first: its status becomes "terminated".
    if (contractEnd + 1 > asOfDay) return;
    releases.push({
      ...common,
      id: `${ocid}-contract-2`,
      date: dateTimeOfDay(contractEnd + 1, 11),
      tag: ["contractTermination"],
      parties: [structuredClone(buyer.party)],
      contracts: contracts.map((contract) => ({ id: contract.id, status: "terminated" })),
    });
  });
  return { releases, awards };
}

/**
 * Splits a tender into 2 to 4 lots, each delivered in a different district, with values that
 * add up (to the pound, in £100 steps) to about the tender's.
 */
function lotUnits(
  random: Random,
  districts: readonly ProcurementDemoDistrict[],
  title: string,
  valuePounds: number,
): Unit[] {
  const count = random.integer(2, Math.min(4, districts.length));
  const places = random.shuffle(districts.map((_, index) => index)).slice(0, count);
  const weights = places.map(() => random.uniform(0.5, 1.5));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let remaining = valuePounds;
  return places.map((district, position) => {
    const last = position === count - 1;
    const share = last
      ? remaining
      : Math.round((valuePounds * weights[position]!) / total / 100) * 100;
    remaining -= share;
    const lotId = String(position + 1);
    const lotTitle = `${title}: lot ${lotId}, ${districts[district]!.name}`;
    return {
      lot: {
        id: lotId,
        title: lotTitle,
        status: "active",
        value: { amount: share, currency: "GBP" },
      },
      district,
      valuePounds: share,
      title: lotTitle,
    };
  });
}

/**
 * The winner of a contract. Whether it goes to a supplier in the region, and whether to an SME,
 * is drawn from the division's chances times the buyer's factors, a trend rising from 0.7 in the
 * first year to 1.3 in the sixth, and a size factor that falls as the contract grows (small
 * contracts go to small and local firms more often). The winner is then drawn from the suppliers
 * of that kind who supply the division, by their strength, with a supplier in a left-behind
 * district 0.6 times as likely, one for whom the division is not its main one 0.4 times, and a
 * register SME whose capacity is below the value a third as likely. When no supplier of the kind
 * supplies the division, a local SME stands in for a local large firm, and a supplier from
 * outside for a local one.
 */
function chooseSupplier(
  random: Random,
  pools: DemoSupplierPools,
  division: string,
  valuePounds: number,
  buyer: DemoBuyer,
  yearIndex: number,
): DemoSupplier {
  const profile = demoDivision(`${division}000000`);
  const trend = 0.7 + 0.12 * yearIndex;
  const size = clamp((valuePounds / 150_000) ** -0.3, 0.35, 1.5);
  const smeChance = clamp(
    profile.smeChance * buyer.smeFactor * trend * size * smeCalibration,
    0.02,
    0.9,
  );
  const localChance = clamp(
    profile.localChance * buyer.localFactor * trend * size * localCalibration,
    0.01,
    0.85,
  );
  const local = random.next() < localChance;
  const smeIfLocal = Math.min(0.92, smeChance * localSmeLift);
  const smeIfElsewhere = clamp(
    (smeChance - localChance * smeIfLocal) / (1 - localChance),
    0.02,
    0.9,
  );
  const sme = random.next() < (local ? smeIfLocal : smeIfElsewhere);

  const supplies = (supplier: DemoSupplier) => supplier.divisions.includes(division);
  const weight = (supplier: DemoSupplier) => {
    let result = supplier.strength * (supplier.leftBehind ? 0.6 : 1);
    if (supplier.divisions[0] !== division) result *= 0.4;
    const capacity = supplier.record?.capacityPence;
    if (capacity !== undefined && capacity < valuePounds * 100) result /= 3;
    return result;
  };
  const order: DemoSupplier[][] = local
    ? sme
      ? [pools.register, pools.elsewhereSme]
      : [pools.localLarge, pools.register, pools.elsewhereLarge]
    : sme
      ? [pools.elsewhereSme]
      : [pools.elsewhereLarge];
  for (const pool of order) {
    const candidates = pool.filter(supplies);
    if (candidates.length > 0) return pickWeighted(random, candidates, weight);
  }
  throw new RangeError(`no demo supplier supplies CPV division ${division}`);
}

function classification(entry: DemoCpvCode) {
  return { scheme: "CPV", id: entry.code, description: entry.description };
}

/** A value rounded to £100 below £100,000 and to £1,000 above. */
function roundPounds(value: number): number {
  const step = value < 100_000 ? 100 : 1_000;
  return Math.round(value / step) * step;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
