/** The kinds of district the demo region is made of. */
export type DistrictArchetype =
  | "city"
  | "advancedManufacturing"
  | "port"
  | "digital"
  | "leftBehind"
  | "affluentSuburb"
  | "rural"
  | "marketTown";

/** How one kind of district is drawn. Ranges are [min, max) and drawn uniformly. */
export interface DistrictArchetypeProfile {
  /** A sentence for the documentation and for debugging. */
  description: string;
  /** Usual residents in the latest year. */
  population: readonly [number, number];
  /** Land area, km². */
  areaKm2: readonly [number, number];
  /** Population growth, per cent a year. */
  populationGrowthPercent: readonly [number, number];
  /** Employees (workplace-based) per usual resident in the latest year. */
  jobsPerResident: readonly [number, number];
  /**
   * Latent productivity and pay, in standard deviations from the region's typical district;
   * GVA per head, pay and the employment rate are drawn from it.
   */
  prosperity: number;
  /** Latent deprivation, likewise; poverty, unemployment and neighbourhood scores follow it. */
  deprivation: number;
  /** Latent qualification level, likewise; the skills indicators follow it. */
  skills: number;
  /** Multipliers of the baseline employment share, by SIC 2007 division; 1 where not given. */
  sectorMultipliers: Readonly<Record<string, number>>;
  /** The divisions of its specialised cluster, if it has one. */
  cluster: readonly string[];
  /** Multiplier of the regional carbon dioxide emissions per head (industry, farming, ports). */
  emissionsFactor: number;
  /** Share of the electricity generated in the district that is renewable, latest year, %. */
  renewableSharePercent: readonly [number, number];
  /** Percentage points added to the share of jobs in the green economy. */
  greenJobsBonus: number;
  /** Spread of neighbourhood deprivation within the district (standard deviation of logs). */
  deprivationSpread: number;
  /** Preference for the edge of the hexagon map (higher is further out). */
  outerness: number;
  /** How its name is made. */
  nameStyle: "city" | "port" | "town" | "rural";
}

const financeAndProfessional = { "64": 2.2, "65": 2.2, "66": 2.2, "69": 1.7, "70": 1.8, "73": 1.7 };
const knowledgeDiscount = { "62": 0.55, "63": 0.55, "64": 0.5, "65": 0.5, "66": 0.5, "70": 0.5 };

/**
 * The kinds of district in the demo region: one city, three specialised districts (advanced
 * manufacturing, a port, a digital cluster), three or four left-behind towns, and affluent
 * suburbs, rural districts and market towns for the rest.
 */
export const districtArchetypes: Readonly<Record<DistrictArchetype, DistrictArchetypeProfile>> = {
  city: {
    description:
      "The regional city: services, finance, universities and hospitals, a wide spread of deprivation",
    population: [380_000, 450_000],
    areaKm2: [105, 160],
    populationGrowthPercent: [0.6, 1.0],
    jobsPerResident: [0.465, 0.485],
    prosperity: 0.45,
    deprivation: 0.65,
    skills: 0.75,
    sectorMultipliers: {
      ...financeAndProfessional,
      "01": 0.05,
      "02": 0.1,
      "03": 0.1,
      "08": 0.2,
      "58": 1.8,
      "59": 2,
      "60": 2,
      "61": 1.6,
      "62": 1.5,
      "63": 1.5,
      "71": 1.4,
      "72": 1.3,
      "74": 1.4,
      "78": 1.3,
      "82": 1.3,
      "84": 1.3,
      "85": 1.15,
      "86": 1.15,
      "55": 1.3,
      "56": 1.2,
      "90": 1.6,
      "91": 1.5,
      "93": 1.2,
      "99": 1,
      "10": 0.5,
      "16": 0.3,
      "22": 0.4,
      "23": 0.4,
      "24": 0.3,
      "25": 0.5,
      "28": 0.5,
      "29": 0.4,
      "30": 0.4,
      "46": 0.8,
      "52": 0.7,
    },
    cluster: [],
    emissionsFactor: 0.85,
    renewableSharePercent: [4, 10],
    greenJobsBonus: 0.2,
    deprivationSpread: 0.42,
    outerness: 0,
    nameStyle: "city",
  },
  advancedManufacturing: {
    description:
      "An advanced-manufacturing district: vehicles, aerospace and their supply chain (divisions 29 and 30)",
    population: [110_000, 190_000],
    areaKm2: [150, 400],
    populationGrowthPercent: [0.3, 0.7],
    jobsPerResident: [0.44, 0.48],
    prosperity: 0.5,
    deprivation: 0,
    skills: 0.1,
    sectorMultipliers: {
      ...knowledgeDiscount,
      "29": 9,
      "30": 9,
      "27": 2,
      "28": 2.5,
      "25": 2,
      "22": 1.5,
      "24": 1.5,
      "33": 1.8,
      "71": 1.5,
      "72": 1.8,
    },
    cluster: ["29", "30"],
    emissionsFactor: 1.3,
    renewableSharePercent: [12, 30],
    greenJobsBonus: 1.6,
    deprivationSpread: 0.35,
    outerness: 0.8,
    nameStyle: "town",
  },
  port: {
    description:
      "A port district: shipping, warehousing and logistics (divisions 50 and 52), a refinery and offshore wind",
    population: [90_000, 170_000],
    areaKm2: [70, 220],
    populationGrowthPercent: [0.2, 0.5],
    jobsPerResident: [0.44, 0.48],
    prosperity: 0.15,
    deprivation: 0.45,
    skills: -0.35,
    sectorMultipliers: {
      ...knowledgeDiscount,
      "03": 6,
      "19": 3,
      "20": 1.5,
      "33": 1.5,
      "35": 1.6,
      "46": 1.6,
      "49": 1.7,
      "50": 14,
      "52": 4.5,
      "53": 1.5,
      "77": 1.3,
    },
    cluster: ["50", "52"],
    emissionsFactor: 1.3,
    renewableSharePercent: [35, 60],
    greenJobsBonus: 1.3,
    deprivationSpread: 0.38,
    outerness: 3,
    nameStyle: "port",
  },
  digital: {
    description:
      "A digital district around a science park: software, data and research (divisions 62 and 63)",
    population: [100_000, 170_000],
    areaKm2: [80, 250],
    populationGrowthPercent: [0.8, 1.2],
    jobsPerResident: [0.45, 0.485],
    prosperity: 1,
    deprivation: -0.8,
    skills: 1.3,
    sectorMultipliers: {
      "62": 5.5,
      "63": 5,
      "61": 2.5,
      "26": 3,
      "58": 2,
      "70": 1.5,
      "71": 1.5,
      "72": 3,
      "74": 1.5,
      "01": 0.4,
      "10": 0.6,
      "25": 0.6,
    },
    cluster: ["62", "63"],
    emissionsFactor: 0.9,
    renewableSharePercent: [10, 25],
    greenJobsBonus: 0.3,
    deprivationSpread: 0.32,
    outerness: 0.3,
    nameStyle: "town",
  },
  leftBehind: {
    description:
      "A left-behind town: a former coalfield, steel or seaside economy, public services and low pay",
    population: [70_000, 150_000],
    areaKm2: [40, 250],
    populationGrowthPercent: [-0.1, 0.3],
    jobsPerResident: [0.42, 0.445],
    prosperity: -1.45,
    deprivation: 1.5,
    skills: -1.2,
    sectorMultipliers: {
      ...knowledgeDiscount,
      "10": 1.4,
      "22": 1.3,
      "25": 1.3,
      "47": 1.15,
      "49": 1.1,
      "55": 1.2,
      "56": 1.1,
      "69": 0.6,
      "71": 0.6,
      "72": 0.4,
      "73": 0.5,
      "74": 0.6,
      "78": 1.3,
      "84": 1.2,
      "85": 1.1,
      "86": 1.25,
      "87": 1.5,
      "88": 1.35,
      "92": 1.8,
    },
    cluster: [],
    emissionsFactor: 1.05,
    renewableSharePercent: [8, 30],
    greenJobsBonus: -0.4,
    deprivationSpread: 0.3,
    outerness: 1.4,
    nameStyle: "town",
  },
  affluentSuburb: {
    description: "An affluent commuter suburb: professionals, good schools, low deprivation",
    population: [90_000, 160_000],
    areaKm2: [60, 200],
    populationGrowthPercent: [0.4, 0.8],
    jobsPerResident: [0.42, 0.46],
    prosperity: 0.4,
    deprivation: -1.2,
    skills: 0.9,
    sectorMultipliers: {
      "41": 1.2,
      "43": 1.2,
      "62": 1.3,
      "69": 1.4,
      "70": 1.4,
      "73": 1.4,
      "74": 1.4,
      "75": 1.5,
      "85": 1.2,
      "93": 1.2,
      "96": 1.2,
      "25": 0.7,
      "22": 0.7,
      "29": 0.6,
      "30": 0.6,
    },
    cluster: [],
    emissionsFactor: 0.95,
    renewableSharePercent: [8, 22],
    greenJobsBonus: 0,
    deprivationSpread: 0.35,
    outerness: 0.5,
    nameStyle: "town",
  },
  rural: {
    description:
      "A rural district: farming, food, tourism, wind and solar farms, an older population",
    population: [60_000, 120_000],
    areaKm2: [600, 1300],
    populationGrowthPercent: [0.3, 0.6],
    jobsPerResident: [0.42, 0.46],
    prosperity: -0.15,
    deprivation: -0.55,
    skills: 0,
    sectorMultipliers: {
      ...knowledgeDiscount,
      "01": 6,
      "02": 5,
      "03": 2,
      "08": 3,
      "10": 1.8,
      "11": 2,
      "16": 2.5,
      "35": 1.6,
      "55": 1.8,
      "75": 2.5,
      "87": 1.2,
      "93": 1.1,
    },
    cluster: [],
    emissionsFactor: 1.2,
    renewableSharePercent: [55, 88],
    greenJobsBonus: 0.6,
    deprivationSpread: 0.33,
    outerness: 2.5,
    nameStyle: "rural",
  },
  marketTown: {
    description: "A market town: retail, distribution, food processing and public services",
    population: [80_000, 170_000],
    areaKm2: [150, 500],
    populationGrowthPercent: [0.3, 0.7],
    jobsPerResident: [0.43, 0.47],
    prosperity: 0,
    deprivation: 0,
    skills: -0.1,
    sectorMultipliers: {
      "10": 1.3,
      "25": 1.2,
      "45": 1.2,
      "46": 1.2,
      "47": 1.1,
      "52": 1.3,
      "87": 1.1,
    },
    cluster: [],
    emissionsFactor: 1.05,
    renewableSharePercent: [15, 40],
    greenJobsBonus: 0.2,
    deprivationSpread: 0.35,
    outerness: 1,
    nameStyle: "town",
  },
};
