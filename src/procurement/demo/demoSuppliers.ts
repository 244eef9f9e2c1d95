import type { Random } from "../../demo/index.js";
import type { OcdsParty } from "../ocds/index.js";
import type { SupplierRecord, SupplierSize } from "../supplierRecord.js";
import { demoCpvCodes, demoCpvDivisions, demoDivision, divisionOf } from "./demoCpvCodes.js";
import type { DemoDistrictPoint, ProcurementDemoDistrict } from "./demoDistrictPoints.js";
import { round5 } from "./demoDistrictPoints.js";
import type { DemoPostcodes } from "./demoPostcodes.js";
import { districtOutcode } from "./demoPostcodes.js";
import { pickWeighted } from "./pickWeighted.js";

/**
 * The start of the id of every supplier in the demo's register: a Companies House number
 * (org-id scheme GB-COH) with the letters BV, a prefix Companies House does not use, and six
 * digits. Awards to these suppliers carry the same id, so they match the register by id.
 */
export const registerIdPrefix = "GB-COH-BV";

/**
 * The start of the id of every other supplier (large firms in the region, and every supplier
 * outside it): GB-COH with the letters XZ, also unused by Companies House, and six digits.
 */
export const otherSupplierIdPrefix = "GB-COH-XZ";

/** The `region` of the address of every supplier outside the demo region. */
export const elsewhereRegion = "Elsewhere (fictional)";

/** A supplier the demo's buyers can award contracts to. */
export interface DemoSupplier {
  /** Its id in OCDS `parties`: "GB-COH-BV" or "GB-COH-XZ" and six digits. */
  supplierId: string;
  /** Its name, ending "(fictional)". */
  name: string;
  /** "sme" or "large", as the OCDS Party Scale extension writes it. */
  scale: "sme" | "large";
  /** Its district, or undefined outside the region. */
  placeCode: string | undefined;
  /** Whether its district is left behind. */
  leftBehind: boolean;
  /** The CPV divisions it supplies. */
  divisions: readonly string[];
  /** Its relative chance of winning against the others of its kind (log-normal, median 1). */
  strength: number;
  /** Its OCDS party, with the role "supplier". */
  party: OcdsParty;
  /** Its postcode. */
  postcode: string;
  /** Where it is, degrees north and east (WGS84), for the suppliers in the region. */
  latitude: number | undefined;
  longitude: number | undefined;
  /** Its entry in the register, for the local SMEs. */
  record: SupplierRecord | undefined;
}

/** The suppliers of the demo by kind. */
export interface DemoSupplierPools {
  /** The local SMEs of the register. */
  register: DemoSupplier[];
  /** Large firms in the region, not in the register. */
  localLarge: DemoSupplier[];
  /** SMEs outside the region, three for each division. */
  elsewhereSme: DemoSupplier[];
  /** Large firms outside the region, two for each division. */
  elsewhereLarge: DemoSupplier[];
}

const registerSize = 120;
const localLargeDivisions = ["45", "45", "90", "85", "60", "50", "55", "71", "72", "34"];

// How often the register's SMEs supply each division: mostly trades, repairs, services and
// care, rarely energy, insurance or telecoms.
// prettier-ignore
const registerDivisionWeights: Readonly<Record<string, number>> = {
  "45": 18, "50": 7, "79": 8, "80": 6, "90": 6, "92": 5, "98": 4, "71": 6, "72": 7, "55": 5,
  "15": 3, "39": 3, "60": 4, "85": 6, "73": 3, "30": 2, "44": 3, "34": 1, "48": 2, "33": 1,
  "64": 0.5, "66": 0.5, "09": 0.3,
};

// Common British surnames, for names such as "Hartley Roofing Ltd".
// prettier-ignore
const surnames = [
  "Ahmed", "Ainsworth", "Barker", "Begum", "Bennett", "Brennan", "Chowdhury", "Clarke", "Dawson",
  "Doyle", "Ellis", "Evans", "Fletcher", "Foster", "Gill", "Gray", "Hartley", "Hughes", "Iqbal",
  "Jackson", "Kaur", "Kelly", "Khan", "Lawson", "Lloyd", "Marsh", "Mensah", "Nowak", "Okafor",
  "Oliver", "Parry", "Patel", "Quinn", "Rahman", "Reid", "Shaw", "Singh", "Stone", "Sutton",
  "Thornton", "Turner", "Walsh", "Webb", "Whittaker", "Wood", "Wright", "Yates", "Young",
];

// Invented or plain words for names such as "Larchmere Joinery Ltd".
// prettier-ignore
const smeStems = [
  "Ambrel", "Brindle", "Carrow", "Dunmere", "Elmridge", "Farrow", "Glenthorn", "Hollin", "Ivel",
  "Kendle", "Larchmere", "Mardle", "Nethercott", "Oakhurst", "Pennant", "Quillon", "Rowan",
  "Sable", "Tarnside", "Umberley", "Wrenfield", "Yewbank",
];

// Invented words for large firms, such as "Corvane Construction plc".
// prettier-ignore
const corporateStems = [
  "Altmere", "Corvane", "Delvara", "Everholt", "Fennaway", "Galvion", "Inverra", "Kelloway",
  "Lumentra", "Marrick", "Norvane", "Ostara", "Pellam", "Quorvel", "Ravensmoor", "Stellan",
  "Tavistra", "Ulverne", "Vantor", "Wexmoor", "Zephra", "Brantor", "Castrel", "Drovan",
];

const streets = [
  "High Street",
  "Mill Lane",
  "Station Road",
  "Church Street",
  "Market Place",
  "Quay Road",
  "Enterprise Way",
  "Foundry Lane",
  "Victoria Road",
  "Canal Side",
];

/**
 * Draws the demo's suppliers: 120 local SMEs for the register, in every district but fewer in
 * left-behind ones, each with 1 to 5 CPV codes in 1 or 2 divisions; ten large firms in the
 * region; and three SMEs and two large firms outside the region for every division, so that
 * every contract has someone to win it.
 */
export function demoSuppliers(
  districts: readonly ProcurementDemoDistrict[],
  points: readonly DemoDistrictPoint[],
  regionName: string,
  random: Random,
  postcodes: DemoPostcodes,
): DemoSupplierPools {
  const numbers = new Set<string>();
  const names = new Set<string>();
  const newNumber = (letters: string): string => {
    for (;;) {
      const number = `${letters}${random.integer(100_000, 999_999)}`;
      if (!numbers.has(number)) {
        numbers.add(number);
        return number;
      }
    }
  };
  const uniqueName = (draw: () => string): string => {
    for (let attempt = 0; ; attempt += 1) {
      const name = draw();
      // After many clashes, a number keeps the name unique and still ending "(fictional)".
      const candidate =
        attempt < 20 ? name : name.replace(" (fictional)", ` ${attempt} (fictional)`);
      if (!names.has(candidate)) {
        names.add(candidate);
        return candidate;
      }
    }
  };
  const codesOf = (division: string) =>
    demoCpvCodes.filter((entry) => divisionOf(entry.code) === division);

  const local = (
    index: number,
    scale: "sme" | "large",
    divisions: string[],
    name: string,
    idLetters: "BV" | "XZ",
  ): DemoSupplier => {
    const district = districts[index]!;
    const point = points[index]!;
    const number = newNumber(idLetters);
    const postcode = postcodes.inDistrict(districtOutcode(index));
    // Firms sit around the district's centre, a few kilometres out (1/100 degree is about 1 km).
    const latitude = round5(point.latitude + random.normal(0, 0.025));
    const longitude = round5(point.longitude + random.normal(0, 0.04));
    return {
      supplierId: `GB-COH-${number}`,
      name,
      scale,
      placeCode: district.code,
      leftBehind: district.leftBehind === true,
      divisions,
      strength: Math.exp(random.normal(0, 0.7)),
      party: supplierParty(`GB-COH-${number}`, number, name, scale, {
        streetAddress: `${random.integer(1, 120)} ${random.pick(streets)}`,
        locality: district.name,
        region: regionName,
        postalCode: postcode,
        countryName: "United Kingdom",
      }),
      postcode,
      latitude,
      longitude,
      record: undefined,
    };
  };

  const districtIndexes = districts.map((_, index) => index);
  const register: DemoSupplier[] = [];
  for (let count = 0; count < registerSize; count += 1) {
    const index = pickWeighted(random, districtIndexes, (i) =>
      districts[i]!.leftBehind === true ? 0.7 : 1,
    );
    const primary = pickWeighted(random, Object.keys(registerDivisionWeights), (division) => {
      return registerDivisionWeights[division]!;
    });
    const divisions = [primary];
    if (random.next() < 0.35) {
      const others = Object.keys(registerDivisionWeights).filter((d) => d !== primary);
      divisions.push(
        pickWeighted(random, others, (division) => registerDivisionWeights[division]!),
      );
    }
    const primaryCodes = random.shuffle(codesOf(primary));
    const chosen = primaryCodes.slice(0, random.integer(1, Math.min(3, primaryCodes.length)));
    for (const division of divisions.slice(1)) {
      chosen.push(...random.shuffle(codesOf(division)).slice(0, random.integer(1, 2)));
    }
    const cpvCodes = [...new Set(chosen.map((entry) => entry.code))].sort();
    const districtName = districts[index]!.name;
    const name = uniqueName(() => smeName(random, chosen[0]!.trade, primary, districtName));
    const supplier = local(index, "sme", divisions, name, "BV");

    const draw = random.next();
    const size: SupplierSize = draw < 0.45 ? "micro" : draw < 0.83 ? "small" : "medium";
    const employees =
      size === "micro"
        ? random.integer(1, 9)
        : size === "small"
          ? random.integer(10, 49)
          : random.integer(50, 249);
    // Turnover per employee about £80,000, log-normal; rounded to £1,000, in pence.
    const turnoverPounds = roundToStep(
      employees * Math.exp(random.normal(Math.log(80_000), 0.35)),
      1_000,
    );
    const capacityPounds = Math.max(
      10_000,
      roundToStep(turnoverPounds * random.uniform(0.2, 0.5), 5_000),
    );
    supplier.record = {
      supplierId: supplier.supplierId,
      name,
      placeCode: supplier.placeCode!,
      postcode: supplier.postcode,
      latitude: supplier.latitude,
      longitude: supplier.longitude,
      size,
      employees,
      turnoverPence: turnoverPounds * 100,
      cpvCodes,
      capacityPence: capacityPounds * 100,
      accreditations: accreditationsOf(random, cpvCodes),
    };
    register.push(supplier);
  }

  const localLarge = localLargeDivisions.map((division) => {
    const index = pickWeighted(random, districtIndexes, (i) =>
      districts[i]!.leftBehind === true ? 0.3 : 1,
    );
    const name = uniqueName(() => largeName(random, division));
    return local(index, "large", [division], name, "XZ");
  });

  const elsewhere = (scale: "sme" | "large", division: string): DemoSupplier => {
    const number = newNumber("XZ");
    const postcode = postcodes.elsewhere();
    const trade = random.pick(codesOf(division)).trade;
    const name = uniqueName(() =>
      scale === "sme" ? smeName(random, trade, division, undefined) : largeName(random, division),
    );
    return {
      supplierId: `GB-COH-${number}`,
      name,
      scale,
      placeCode: undefined,
      leftBehind: false,
      divisions: [division],
      strength: Math.exp(random.normal(0, 0.7)),
      party: supplierParty(`GB-COH-${number}`, number, name, scale, {
        streetAddress: `${random.integer(1, 300)} ${random.pick(streets)}`,
        region: elsewhereRegion,
        postalCode: postcode,
        countryName: "United Kingdom",
      }),
      postcode,
      latitude: undefined,
      longitude: undefined,
      record: undefined,
    };
  };
  const divisions = Object.keys(demoCpvDivisions).sort();
  const elsewhereSme = divisions.flatMap((division) =>
    [0, 1, 2].map(() => elsewhere("sme", division)),
  );
  const elsewhereLarge = divisions.flatMap((division) =>
    [0, 1].map(() => elsewhere("large", division)),
  );
  return { register, localLarge, elsewhereSme, elsewhereLarge };
}

function supplierParty(
  id: string,
  number: string,
  name: string,
  scale: "sme" | "large",
  address: NonNullable<OcdsParty["address"]>,
): OcdsParty {
  return {
    id,
    name,
    roles: ["supplier"],
    identifier: { scheme: "GB-COH", id: number, legalName: name },
    address,
    details: { scale },
  };
}

function smeName(
  random: Random,
  trade: string,
  division: string,
  districtName: string | undefined,
): string {
  const draw = random.next();
  const stem =
    draw < 0.5
      ? random.pick(surnames)
      : draw < 0.75 && districtName !== undefined
        ? districtName
        : random.pick(smeStems);
  const form = random.next();
  const suffix =
    ["85", "92", "80", "98"].includes(division) && form < 0.3
      ? "CIC"
      : ["71", "79"].includes(division) && form < 0.25
        ? "LLP"
        : ["44", "45", "50"].includes(division) && form < 0.12
          ? "& Sons Ltd"
          : "Ltd";
  return `${stem} ${trade} ${suffix} (fictional)`;
}

function largeName(random: Random, division: string): string {
  const suffix = random.pick(["plc", "Ltd", "Group Ltd", "UK Ltd"]);
  return `${random.pick(corporateStems)} ${demoDivision(`${division}000000`).sector} ${suffix} (fictional)`;
}

// Accreditations a buyer asks for, invented in who holds them: general ones for anyone, trade
// ones for the divisions that need them.
const generalAccreditations: readonly [name: string, chance: number][] = [
  ["ISO 9001", 0.25],
  ["ISO 14001", 0.12],
  ["Cyber Essentials", 0.2],
  ["Living Wage Employer", 0.15],
];
const tradeAccreditations: readonly [prefix: string, name: string, chance: number][] = [
  ["45", "Constructionline Gold", 0.35],
  ["45", "CHAS", 0.4],
  ["45", "SafeContractor", 0.2],
  ["45310000", "NICEIC", 0.7],
  ["45330000", "Gas Safe", 0.6],
  ["45331000", "Gas Safe", 0.7],
  ["72", "Cyber Essentials Plus", 0.4],
  ["48", "ISO 27001", 0.4],
  ["85", "CQC registered", 0.8],
  ["90", "Waste carrier licence", 0.7],
];

function accreditationsOf(random: Random, cpvCodes: readonly string[]): string[] {
  const held = new Set<string>();
  for (const [name, chance] of generalAccreditations) {
    if (random.next() < chance) held.add(name);
  }
  for (const [prefix, name, chance] of tradeAccreditations) {
    const applies = cpvCodes.some((code) => code.startsWith(prefix));
    if (random.next() < chance && applies) held.add(name);
  }
  return [...held].sort();
}

function roundToStep(value: number, step: number): number {
  return Math.round(value / step) * step;
}
