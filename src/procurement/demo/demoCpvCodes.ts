import type { DemoBuyerKind } from "./demoBuyers.js";

/** What a contract buys, as the OCDS procurementCategory codelist names it. */
export type DemoProcurementCategory = "goods" | "works" | "services";

/** One CPV code the demo buys and sells, with the words the demo dresses it in. */
export interface DemoCpvCode {
  /** The eight digits of the CPV 2008 code, without the check digit ("45210000"). */
  code: string;
  /** The code's English description in the CPV 2008 main vocabulary. */
  description: string;
  /** A tender title; `{place}` is replaced by the district (or region) of delivery. */
  title: string;
  /** The trade word of a small supplier's name ("Roofing" in "Hartley Roofing Ltd"). */
  trade: string;
  /** The only kinds of buyer that buy it; every kind when undefined. */
  buyers?: readonly DemoBuyerKind[];
}

/** How the demo draws the contracts of one CPV division. */
export interface DemoCpvDivision {
  /** What the division's contracts are: goods, works or services. */
  category: DemoProcurementCategory;
  /** The median contract value of a buyer of scale 1, in pounds. */
  medianPounds: number;
  /** The standard deviation of the natural logarithm of the value (a log-normal spread). */
  logSpread: number;
  /** The chance, before the buyer's, year's and size's factors, that a contract goes to an SME. */
  smeChance: number;
  /** The chance, before the same factors, that a contract goes to a supplier in the region. */
  localChance: number;
  /** The sector word of a large supplier's name ("Construction" in "Corvane Construction plc"). */
  sector: string;
}

/**
 * The 67 CPV 2008 codes the demo's tenders and suppliers use: common purchases of councils,
 * a hospital trust, a university, a housing association and a fire authority, across 23
 * divisions. Codes and descriptions are those of the CPV 2008 main vocabulary (Commission
 * Regulation (EC) No 213/2008, Annex I), checked against `lookups/cpv_2008_en.csv` of the shared
 * data in the tests; the titles and trade words are invented.
 */
export const demoCpvCodes: readonly DemoCpvCode[] = [
  { code: "09134100", description: "Diesel oil", title: "Supply of diesel fuel", trade: "Fuels" },
  {
    code: "09310000",
    description: "Electricity",
    title: "Supply of electricity to buildings",
    trade: "Energy",
  },
  {
    code: "09123000",
    description: "Natural gas",
    title: "Supply of natural gas to buildings",
    trade: "Gas Supplies",
  },
  {
    code: "15894200",
    description: "Prepared meals",
    title: "Prepared meals for the community meals service in {place}",
    trade: "Kitchen",
  },
  {
    code: "15800000",
    description: "Miscellaneous food products",
    title: "Supply of food products",
    trade: "Foods",
  },
  {
    code: "30192000",
    description: "Office supplies",
    title: "Office supplies and stationery",
    trade: "Office Supplies",
  },
  {
    code: "30213000",
    description: "Personal computers",
    title: "Supply of laptops and desktop computers",
    trade: "Computers",
  },
  {
    code: "33140000",
    description: "Medical consumables",
    title: "Medical consumables",
    trade: "Medical Supplies",
    buyers: ["hospitalTrust", "fireAuthority", "university"],
  },
  {
    code: "33190000",
    description: "Miscellaneous medical devices and products",
    title: "Medical devices and equipment",
    trade: "Medical Devices",
    buyers: ["hospitalTrust"],
  },
  {
    code: "33600000",
    description: "Pharmaceutical products",
    title: "Pharmaceutical products",
    trade: "Pharmacy",
    buyers: ["hospitalTrust"],
  },
  {
    code: "34110000",
    description: "Passenger cars",
    title: "Replacement of pool cars",
    trade: "Motors",
  },
  {
    code: "34144900",
    description: "Electric vehicles",
    title: "Electric fleet vehicles",
    trade: "Electric Vehicles",
  },
  {
    code: "34928000",
    description: "Road furniture",
    title: "Road furniture and signs in {place}",
    trade: "Signs",
    buyers: ["countyCouncil", "districtCouncil", "combinedAuthority"],
  },
  {
    code: "39130000",
    description: "Office furniture",
    title: "Office furniture",
    trade: "Furniture",
  },
  {
    code: "39160000",
    description: "School furniture",
    title: "School furniture for {place} schools",
    trade: "Furnishings",
    buyers: ["countyCouncil"],
  },
  {
    code: "39830000",
    description: "Cleaning products",
    title: "Cleaning and hygiene products",
    trade: "Hygiene",
  },
  {
    code: "44111000",
    description: "Building materials",
    title: "Building materials for responsive repairs",
    trade: "Building Supplies",
  },
  {
    code: "44221000",
    description: "Windows, doors and related items",
    title: "Replacement windows and doors in {place}",
    trade: "Windows",
  },
  {
    code: "45210000",
    description: "Building construction work",
    title: "New community building in {place}",
    trade: "Builders",
  },
  {
    code: "45453000",
    description: "Overhaul and refurbishment work",
    title: "Refurbishment of offices in {place}",
    trade: "Refurbishment",
  },
  {
    code: "45233140",
    description: "Roadworks",
    title: "Resurfacing and roadworks in {place}",
    trade: "Surfacing",
    buyers: ["countyCouncil", "districtCouncil", "combinedAuthority"],
  },
  {
    code: "45261210",
    description: "Roof-covering work",
    title: "Roof replacement programme in {place}",
    trade: "Roofing",
  },
  {
    code: "45310000",
    description: "Electrical installation work",
    title: "Electrical rewiring in {place}",
    trade: "Electrical",
  },
  {
    code: "45330000",
    description: "Plumbing and sanitary works",
    title: "Plumbing and sanitary works in {place}",
    trade: "Plumbing",
  },
  {
    code: "45331000",
    description: "Heating, ventilation and air-conditioning installation work",
    title: "Heating and ventilation upgrades in {place}",
    trade: "Heating",
  },
  {
    code: "45421000",
    description: "Joinery work",
    title: "Joinery works in {place}",
    trade: "Joinery",
  },
  {
    code: "45442100",
    description: "Painting work",
    title: "External painting and decoration in {place}",
    trade: "Decorators",
  },
  {
    code: "45112700",
    description: "Landscaping work",
    title: "Landscaping of parks and open spaces in {place}",
    trade: "Landscapes",
  },
  {
    code: "45321000",
    description: "Thermal insulation work",
    title: "Home insulation retrofit in {place}",
    trade: "Insulation",
  },
  {
    code: "48000000",
    description: "Software package and information systems",
    title: "Case management system",
    trade: "Software",
  },
  {
    code: "48440000",
    description: "Financial analysis and accounting software package",
    title: "Finance system replacement",
    trade: "Finance Systems",
  },
  {
    code: "50700000",
    description: "Repair and maintenance services of building installations",
    title: "Planned maintenance of building installations in {place}",
    trade: "Maintenance",
  },
  {
    code: "50110000",
    description: "Repair and maintenance services of motor vehicles and associated equipment",
    title: "Fleet servicing and repairs",
    trade: "Motor Services",
  },
  {
    code: "50413200",
    description: "Repair and maintenance services of firefighting equipment",
    title: "Servicing of firefighting equipment",
    trade: "Fire Safety",
    buyers: ["fireAuthority", "hospitalTrust", "university", "housingAssociation"],
  },
  {
    code: "50312000",
    description: "Maintenance and repair of computer equipment",
    title: "Computer hardware maintenance",
    trade: "IT Repairs",
  },
  {
    code: "55520000",
    description: "Catering services",
    title: "Catering for events and meetings",
    trade: "Catering",
  },
  {
    code: "55524000",
    description: "School catering services",
    title: "School catering in {place}",
    trade: "School Catering",
    buyers: ["countyCouncil"],
  },
  {
    code: "60130000",
    description: "Special-purpose road passenger-transport services",
    title: "Home-to-school transport in {place}",
    trade: "Travel",
    buyers: ["countyCouncil", "combinedAuthority"],
  },
  {
    code: "60112000",
    description: "Public road transport services",
    title: "Supported bus services in {place}",
    trade: "Buses",
    buyers: ["countyCouncil", "combinedAuthority"],
  },
  {
    code: "60140000",
    description: "Non-scheduled passenger transport",
    title: "Community and patient transport in {place}",
    trade: "Coaches",
  },
  {
    code: "64210000",
    description: "Telephone and data transmission services",
    title: "Telephony and data network services",
    trade: "Telecom",
  },
  {
    code: "66510000",
    description: "Insurance services",
    title: "Insurance programme",
    trade: "Insurance",
  },
  {
    code: "71200000",
    description: "Architectural and related services",
    title: "Architectural design for a scheme in {place}",
    trade: "Architects",
  },
  {
    code: "71300000",
    description: "Engineering services",
    title: "Structural and civil engineering services",
    trade: "Engineering",
  },
  {
    code: "71400000",
    description: "Urban planning and landscape architectural services",
    title: "Masterplan for {place} town centre",
    trade: "Planning",
    buyers: ["countyCouncil", "districtCouncil", "combinedAuthority", "university"],
  },
  {
    code: "72212000",
    description: "Programming services of application software",
    title: "Development of online services",
    trade: "Digital",
  },
  {
    code: "72222300",
    description: "Information technology services",
    title: "IT support and managed services",
    trade: "IT",
  },
  {
    code: "72413000",
    description: "World wide web (www) site design services",
    title: "Website redesign",
    trade: "Web Design",
  },
  {
    code: "73110000",
    description: "Research services",
    title: "Research on skills and employment in {place}",
    trade: "Research",
  },
  {
    code: "73200000",
    description: "Research and development consultancy services",
    title: "Innovation and R&D consultancy",
    trade: "Innovation",
  },
  {
    code: "79410000",
    description: "Business and management consultancy services",
    title: "Organisational review consultancy",
    trade: "Consulting",
  },
  {
    code: "79340000",
    description: "Advertising and marketing services",
    title: "Marketing campaign for {place}",
    trade: "Marketing",
  },
  {
    code: "79710000",
    description: "Security services",
    title: "Security guarding at sites in {place}",
    trade: "Security",
  },
  {
    code: "79620000",
    description: "Supply services of personnel including temporary staff",
    title: "Temporary and agency staff",
    trade: "Recruitment",
  },
  {
    code: "79952000",
    description: "Event services",
    title: "Events programme in {place}",
    trade: "Events",
  },
  {
    code: "80500000",
    description: "Training services",
    title: "Staff training programme",
    trade: "Training",
  },
  {
    code: "80530000",
    description: "Vocational training services",
    title: "Adult skills courses in {place}",
    trade: "Skills",
  },
  {
    code: "85311000",
    description: "Social work services with accommodation",
    title: "Supported living placements in {place}",
    trade: "Care",
    buyers: ["countyCouncil", "housingAssociation", "hospitalTrust"],
  },
  {
    code: "85312000",
    description: "Social work services without accommodation",
    title: "Home care services in {place}",
    trade: "Home Care",
    buyers: ["countyCouncil", "hospitalTrust"],
  },
  {
    code: "85323000",
    description: "Community health services",
    title: "Community health services in {place}",
    trade: "Health",
    buyers: ["hospitalTrust", "countyCouncil"],
  },
  {
    code: "90511000",
    description: "Refuse collection services",
    title: "Waste collection in {place}",
    trade: "Waste",
  },
  {
    code: "90910000",
    description: "Cleaning services",
    title: "Cleaning services in {place}",
    trade: "Cleaning",
  },
  {
    code: "90610000",
    description: "Street-cleaning and sweeping services",
    title: "Street cleansing in {place}",
    trade: "Cleansing",
    buyers: ["countyCouncil", "districtCouncil"],
  },
  {
    code: "92000000",
    description: "Recreational, cultural and sporting services",
    title: "Community arts and sport programme in {place}",
    trade: "Leisure",
  },
  {
    code: "92610000",
    description: "Sports facilities operation services",
    title: "Operation of the leisure centre in {place}",
    trade: "Sports",
    buyers: ["countyCouncil", "districtCouncil", "university"],
  },
  {
    code: "98341140",
    description: "Caretaker services",
    title: "Caretaking services in {place}",
    trade: "Caretaking",
  },
  {
    code: "98390000",
    description: "Other services",
    title: "Miscellaneous support services",
    trade: "Services",
  },
];

/**
 * How contracts are drawn in each division of {@link demoCpvCodes}. The values and chances are
 * invented to look like English public buying (works, care and waste large; training, culture and
 * repairs small and local), then scaled by the generator so that about 35% of the value awarded
 * goes to SMEs and about 25% to suppliers in the region.
 */
export const demoCpvDivisions: Readonly<Record<string, DemoCpvDivision>> = {
  "09": {
    category: "goods",
    medianPounds: 350_000,
    logSpread: 0.8,
    smeChance: 0.05,
    localChance: 0.03,
    sector: "Energy",
  },
  "15": {
    category: "goods",
    medianPounds: 90_000,
    logSpread: 0.8,
    smeChance: 0.5,
    localChance: 0.35,
    sector: "Foods",
  },
  "30": {
    category: "goods",
    medianPounds: 50_000,
    logSpread: 0.9,
    smeChance: 0.35,
    localChance: 0.15,
    sector: "Office Solutions",
  },
  "33": {
    category: "goods",
    medianPounds: 120_000,
    logSpread: 0.9,
    smeChance: 0.2,
    localChance: 0.08,
    sector: "Healthcare",
  },
  "34": {
    category: "goods",
    medianPounds: 150_000,
    logSpread: 0.8,
    smeChance: 0.2,
    localChance: 0.15,
    sector: "Fleet",
  },
  "39": {
    category: "goods",
    medianPounds: 40_000,
    logSpread: 0.8,
    smeChance: 0.5,
    localChance: 0.3,
    sector: "Interiors",
  },
  "44": {
    category: "goods",
    medianPounds: 80_000,
    logSpread: 0.8,
    smeChance: 0.45,
    localChance: 0.35,
    sector: "Building Products",
  },
  "45": {
    category: "works",
    medianPounds: 250_000,
    logSpread: 1.1,
    smeChance: 0.45,
    localChance: 0.38,
    sector: "Construction",
  },
  "48": {
    category: "goods",
    medianPounds: 150_000,
    logSpread: 0.9,
    smeChance: 0.25,
    localChance: 0.08,
    sector: "Software",
  },
  "50": {
    category: "services",
    medianPounds: 80_000,
    logSpread: 0.9,
    smeChance: 0.55,
    localChance: 0.45,
    sector: "Engineering Services",
  },
  "55": {
    category: "services",
    medianPounds: 120_000,
    logSpread: 0.9,
    smeChance: 0.45,
    localChance: 0.35,
    sector: "Catering",
  },
  "60": {
    category: "services",
    medianPounds: 150_000,
    logSpread: 0.9,
    smeChance: 0.5,
    localChance: 0.45,
    sector: "Transport",
  },
  "64": {
    category: "services",
    medianPounds: 200_000,
    logSpread: 0.8,
    smeChance: 0.1,
    localChance: 0.05,
    sector: "Communications",
  },
  "66": {
    category: "services",
    medianPounds: 120_000,
    logSpread: 0.8,
    smeChance: 0.15,
    localChance: 0.05,
    sector: "Insurance",
  },
  "71": {
    category: "services",
    medianPounds: 60_000,
    logSpread: 0.9,
    smeChance: 0.5,
    localChance: 0.3,
    sector: "Design",
  },
  "72": {
    category: "services",
    medianPounds: 90_000,
    logSpread: 1.0,
    smeChance: 0.45,
    localChance: 0.2,
    sector: "Digital",
  },
  "73": {
    category: "services",
    medianPounds: 50_000,
    logSpread: 0.9,
    smeChance: 0.45,
    localChance: 0.2,
    sector: "Research",
  },
  "79": {
    category: "services",
    medianPounds: 50_000,
    logSpread: 1.0,
    smeChance: 0.5,
    localChance: 0.3,
    sector: "Business Services",
  },
  "80": {
    category: "services",
    medianPounds: 30_000,
    logSpread: 0.8,
    smeChance: 0.65,
    localChance: 0.45,
    sector: "Learning",
  },
  "85": {
    category: "services",
    medianPounds: 250_000,
    logSpread: 1.0,
    smeChance: 0.4,
    localChance: 0.4,
    sector: "Care",
  },
  "90": {
    category: "services",
    medianPounds: 300_000,
    logSpread: 1.0,
    smeChance: 0.3,
    localChance: 0.3,
    sector: "Environmental Services",
  },
  "92": {
    category: "services",
    medianPounds: 25_000,
    logSpread: 0.8,
    smeChance: 0.7,
    localChance: 0.55,
    sector: "Leisure",
  },
  "98": {
    category: "services",
    medianPounds: 20_000,
    logSpread: 0.8,
    smeChance: 0.6,
    localChance: 0.45,
    sector: "Support Services",
  },
};

/** The division of a CPV code: its first two digits. */
export function divisionOf(code: string): string {
  return code.slice(0, 2);
}

/** The profile of a code's division; throws for a division the demo does not know. */
export function demoDivision(code: string): DemoCpvDivision {
  const division = demoCpvDivisions[divisionOf(code)];
  if (division === undefined) throw new RangeError(`no demo profile for CPV division of ${code}`);
  return division;
}
