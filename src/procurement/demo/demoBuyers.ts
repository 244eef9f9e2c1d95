import type { Random } from "../../demo/index.js";
import type { OcdsParty } from "../ocds/index.js";
import type { ProcurementDemoDistrict } from "./demoDistrictPoints.js";
import type { DemoPostcodes } from "./demoPostcodes.js";
import { districtOutcode } from "./demoPostcodes.js";

/** The kinds of public buyer in the demo. */
export const demoBuyerKinds = [
  "countyCouncil",
  "districtCouncil",
  "combinedAuthority",
  "hospitalTrust",
  "university",
  "housingAssociation",
  "fireAuthority",
] as const;

/** A kind of public buyer in the demo. */
export type DemoBuyerKind = (typeof demoBuyerKinds)[number];

/** How a kind of buyer buys. */
interface BuyerProfile {
  /** How often it buys from each CPV division, as relative weights. */
  divisions: Readonly<Record<string, number>>;
  /** Its contracts' values relative to the divisions' medians. */
  scale: number;
  /** Its share of the demo's contracting processes (each district council has this share). */
  processShare: number;
  /** How much more (or less) than usual it buys from SMEs. */
  smeFactor: number;
  /** How much more (or less) than usual it buys from suppliers in the region. */
  localFactor: number;
}

// Invented, to look like English public buyers: councils buy works, care, waste and transport;
// the hospital trust medical goods and care; the housing association repairs and retrofit.
const profiles: Readonly<Record<DemoBuyerKind, BuyerProfile>> = {
  countyCouncil: {
    // prettier-ignore
    divisions: {
      "45": 14, "90": 8, "85": 12, "60": 6, "79": 8, "72": 6, "71": 5, "80": 5, "50": 6,
      "55": 4, "15": 2, "39": 3, "34": 3, "92": 4, "98": 3, "48": 3, "30": 2, "66": 1, "64": 1,
      "09": 1, "44": 2, "73": 1,
    },
    scale: 1.2,
    processShare: 0.22,
    smeFactor: 1.0,
    localFactor: 1.1,
  },
  districtCouncil: {
    // prettier-ignore
    divisions: {
      "45": 10, "90": 12, "71": 6, "79": 7, "92": 6, "98": 4, "50": 6, "72": 4, "48": 2,
      "39": 2, "30": 2, "66": 1, "34": 2, "44": 2, "80": 2,
    },
    scale: 0.6,
    processShare: 0.07,
    smeFactor: 1.3,
    localFactor: 1.5,
  },
  combinedAuthority: {
    divisions: { "60": 10, "71": 8, "73": 6, "79": 8, "80": 8, "72": 4, "45": 4, "34": 2 },
    scale: 1.0,
    processShare: 0.07,
    smeFactor: 0.9,
    localFactor: 1.0,
  },
  hospitalTrust: {
    // prettier-ignore
    divisions: {
      "33": 14, "85": 10, "90": 6, "55": 5, "50": 6, "45": 6, "72": 5, "48": 4, "09": 3,
      "30": 3, "60": 3, "79": 3, "39": 2, "15": 3,
    },
    scale: 1.2,
    processShare: 0.15,
    smeFactor: 0.7,
    localFactor: 0.65,
  },
  university: {
    // prettier-ignore
    divisions: {
      "73": 10, "72": 6, "48": 4, "30": 5, "45": 6, "55": 5, "79": 6, "80": 4, "39": 3,
      "09": 2, "50": 4, "92": 2, "64": 2,
    },
    scale: 0.9,
    processShare: 0.1,
    smeFactor: 1.0,
    localFactor: 0.85,
  },
  housingAssociation: {
    divisions: { "45": 20, "44": 5, "50": 8, "90": 5, "71": 5, "79": 3, "98": 3, "85": 2 },
    scale: 0.8,
    processShare: 0.1,
    smeFactor: 1.25,
    localFactor: 1.4,
  },
  fireAuthority: {
    // prettier-ignore
    divisions: {
      "34": 6, "50": 7, "80": 6, "45": 4, "72": 3, "64": 2, "33": 2, "30": 2, "79": 2, "39": 2,
      "09": 1,
    },
    scale: 0.6,
    processShare: 0.06,
    smeFactor: 1.0,
    localFactor: 1.0,
  },
};

/** A buyer of the demo, with where it is and how it buys. */
export interface DemoBuyer extends BuyerProfile {
  /** Its id in OCDS `parties`, such as "GB-FICTIONAL-BV-B01". */
  buyerId: string;
  /** Its name, ending "(fictional)". */
  name: string;
  /** Its kind. */
  kind: DemoBuyerKind;
  /** The district it is in, and for a district council the district it serves. */
  placeCode: string;
  /** Its fictional postcode in that district. */
  postcode: string;
  /** Its OCDS party, with the role "buyer". */
  party: OcdsParty;
}

const streets = [
  "Civic Centre, High Street",
  "County Hall, Market Place",
  "Town Hall, Church Street",
  "Station Road",
  "Quay Road",
  "College Road",
  "Infirmary Road",
  "Mill Lane",
];

/**
 * The ten buyers of the demo: the county council, four district councils (of districts drawn at
 * random), a combined authority, a hospital trust, a university, a housing association and a
 * fire and rescue authority, all named after the region or a district and marked "(fictional)".
 * Fewer districts give fewer district councils.
 */
export function demoBuyers(
  districts: readonly ProcurementDemoDistrict[],
  regionName: string,
  random: Random,
  postcodes: DemoPostcodes,
): DemoBuyer[] {
  const shuffled = random.shuffle(districts.map((_, index) => index));
  const councils = shuffled.slice(0, Math.min(4, districts.length));
  const others = () => random.integer(0, districts.length - 1);
  const plan: { kind: DemoBuyerKind; name: string; district: number }[] = [
    { kind: "countyCouncil", name: `${regionName} County Council`, district: shuffled[0]! },
    ...councils.map((district) => ({
      kind: "districtCouncil" as const,
      name: `${districts[district]!.name} District Council`,
      district,
    })),
    { kind: "combinedAuthority", name: `${regionName} Combined Authority`, district: others() },
    {
      kind: "hospitalTrust",
      name: `${regionName} Hospitals NHS Foundation Trust`,
      district: others(),
    },
    { kind: "university", name: `University of ${regionName}`, district: others() },
    {
      kind: "housingAssociation",
      name: `${regionName} Homes Housing Association`,
      district: others(),
    },
    {
      kind: "fireAuthority",
      name: `${regionName} Fire and Rescue Authority`,
      district: others(),
    },
  ];
  return plan.map(({ kind, name: plainName, district }, index) => {
    const place = districts[district]!;
    const number = `B${String(index + 1).padStart(2, "0")}`;
    const buyerId = `GB-FICTIONAL-BV-${number}`;
    const name = `${plainName} (fictional)`;
    const postcode = postcodes.inDistrict(districtOutcode(district));
    const party: OcdsParty = {
      id: buyerId,
      name,
      roles: ["buyer"],
      identifier: { scheme: "GB-FICTIONAL", id: `BV-${number}`, legalName: name },
      address: {
        streetAddress: random.pick(streets),
        locality: place.name,
        region: regionName,
        postalCode: postcode,
        countryName: "United Kingdom",
      },
    };
    return { ...profiles[kind], buyerId, name, kind, placeCode: place.code, postcode, party };
  });
}
