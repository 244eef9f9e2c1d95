import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/index.js";
import type { Lm3Row } from "../methods/localMultiplier.js";
import type { OcdsRelease } from "../ocds/index.js";
import type { SupplierRecord } from "../supplierRecord.js";
import type { DemoBuyerKind } from "./demoBuyers.js";
import { demoBuyers } from "./demoBuyers.js";
import { dayOfIsoDate } from "./demoDays.js";
import type { DemoDistrictPoint, ProcurementDemoDistrict } from "./demoDistrictPoints.js";
import { demoDistrictPoints } from "./demoDistrictPoints.js";
import { demoLm3Survey } from "./demoLm3Survey.js";
import { DemoPostcodes, districtOutcode } from "./demoPostcodes.js";
import { demoReleases } from "./demoReleases.js";
import type { DemoSharedNeedPost } from "./demoSharedNeeds.js";
import { demoSharedNeeds } from "./demoSharedNeeds.js";
import type { DemoSupplier } from "./demoSuppliers.js";
import { demoSuppliers } from "./demoSuppliers.js";

/** Options of {@link generateProcurementDemo}. */
export interface ProcurementDemoOptions {
  /**
   * The day the demo is as of, an ISO 8601 date such as "2026-11-28". Required, so that the demo
   * never reads the clock. Releases run from 1 January five years before its year up to it; a
   * process whose award would come after it has none; the 20 open tenders close 2 to 60 days
   * after it.
   */
  asOf: string;
  /**
   * The region's name, in buyers' names and in the `region` of addresses in the region.
   * Default "Breveland", the region of the default demo.
   */
  regionName?: string;
}

/** A buyer of the demo. */
export interface ProcurementDemoBuyer {
  /** Its id in OCDS `parties` and `buyer`, such as "GB-FICTIONAL-BV-B01". */
  buyerId: string;
  /** Its name, ending "(fictional)". */
  name: string;
  /** What kind of public body it is. */
  kind: DemoBuyerKind;
  /** The district it is in. */
  placeCode: string;
  /** Its postcode. */
  postcode: string;
}

/** The district of a postcode district (outward code) of the demo region. */
export interface ProcurementDemoOutcode {
  /** The outward code, such as "BV3": every postcode in the region starts with one. */
  outcode: string;
  /** The district's place code. */
  placeCode: string;
}

/** Everything {@link generateProcurementDemo} makes. Nothing in it describes a real body. */
export interface ProcurementDemo {
  /**
   * OCDS 1.1 releases, each valid by `validateRelease`: for every contracting process a tender
   * release, then for most past ones an award release, and for many a contract release (and a
   * contractTermination release once the contract has ended). The releases of a process share
   * its ocid ("ocds-fictional-bv-000001"), so compiling them merges them.
   */
  releases: OcdsRelease[];
  /** The ten buyers, in the order of their ids. */
  buyers: ProcurementDemoBuyer[];
  /**
   * The register: 120 local SMEs. Their ids start "GB-COH-BV" and are the ids of the parties
   * that awards name, so an award's supplier matches the register by id.
   */
  suppliers: SupplierRecord[];
  /** About 60 needs posted by suppliers of the register, clustered so that groups form. */
  sharedNeeds: DemoSharedNeedPost[];
  /** LM3 survey rows of about 40 suppliers that won awards, grouped by buyer id. */
  lm3Survey: Lm3Row[];
  /** The postcode district of each district: "BV1" for the first district given, and so on. */
  outcodes: ProcurementDemoOutcode[];
  /** The centre of each district, as given or as invented. */
  districtPoints: DemoDistrictPoint[];
}

/**
 * Generates the procurement demo of a fictional region: ten public buyers (councils, a combined
 * authority, a hospital trust, a university, a housing association, a fire authority), about
 * 400 contracting processes from the start of the year five years before `asOf` up to it, as
 * OCDS 1.1 releases with real CPV codes, values from £5,000 to £5m and lots; a register of 120
 * local SMEs; the needs they post to share; and an LM3 survey of the suppliers that won.
 *
 * About 35% of the value awarded goes to SMEs and about 25% to suppliers in the region, more for
 * some buyers than others and rising over the years; suppliers in left-behind districts win a
 * smaller share. Postcodes in the region are in the area BV, which does not exist; postcodes
 * outside it start with Q, which no UK postcode does. Every name ends "(fictional)".
 *
 * The generator is pure: the same districts, seed and options give the same demo, and nothing
 * is read from the clock or `Math.random`.
 *
 * @param districts the region's districts (the demo's 14), each with a code and a name, and
 *   optionally whether it is left behind and its centre. Without centres, a layout is invented.
 * @param seed any safe integer.
 * @param options the day the demo is as of (required) and the region's name.
 * @throws InputError for no districts, more than 99, repeated or empty codes, an `asOf` that is
 *   not a date, or coordinates given for some districts but not others.
 */
export function generateProcurementDemo(
  districts: readonly ProcurementDemoDistrict[],
  seed: number,
  options: ProcurementDemoOptions,
): ProcurementDemo {
  if (districts.length === 0) throw new InputError("the procurement demo needs districts");
  // A postcode district number has at most two digits.
  if (districts.length > 99) {
    throw new InputError("the procurement demo takes at most 99 districts", {
      value: String(districts.length),
    });
  }
  const codes = new Set<string>();
  for (const district of districts) {
    if (district.code === "" || district.name === "") {
      throw new InputError("every district needs a code and a name", { value: district.code });
    }
    if (codes.has(district.code)) {
      throw new InputError("a district code is repeated", { field: "code", value: district.code });
    }
    codes.add(district.code);
  }
  const asOfDay = dayOfIsoDate(options.asOf);
  const regionName = options.regionName ?? "Breveland";

  const random = new Random(seed);
  // Each part draws from its own stream, so changing one part leaves the others as they were.
  const layoutRandom = random.fork();
  const buyerRandom = random.fork();
  const supplierRandom = random.fork();
  const releaseRandom = random.fork();
  const needRandom = random.fork();
  const surveyRandom = random.fork();
  // Postcodes are never given out twice in one demo, whichever part draws them.
  const usedPostcodes = new Set<string>();
  const postcodesFor = (part: Random) => new DemoPostcodes(part.fork(), usedPostcodes);

  const points = demoDistrictPoints(districts, layoutRandom);
  const buyers = demoBuyers(districts, regionName, buyerRandom, postcodesFor(buyerRandom));
  const pools = demoSuppliers(
    districts,
    points,
    regionName,
    supplierRandom,
    postcodesFor(supplierRandom),
  );
  const { releases, awards } = demoReleases({
    districts,
    buyers,
    pools,
    regionName,
    asOfDay,
    random: releaseRandom,
    postcodes: postcodesFor(releaseRandom),
  });
  const everySupplier = new Map<string, DemoSupplier>(
    [...pools.register, ...pools.localLarge, ...pools.elsewhereSme, ...pools.elsewhereLarge].map(
      (supplier) => [supplier.supplierId, supplier],
    ),
  );

  return {
    releases,
    buyers: buyers.map(({ buyerId, name, kind, placeCode, postcode }) => ({
      buyerId,
      name,
      kind,
      placeCode,
      postcode,
    })),
    suppliers: pools.register.map((supplier) => supplier.record!),
    sharedNeeds: demoSharedNeeds(pools.register, needRandom),
    lm3Survey: demoLm3Survey(awards, everySupplier, surveyRandom),
    outcodes: districts.map((district, index) => ({
      outcode: districtOutcode(index),
      placeCode: district.code,
    })),
    districtPoints: points,
  };
}
