/** The kinds of place, from the largest to the smallest; `custom` is any other grouping. */
export const placeKinds = ["nation", "region", "district", "neighbourhood", "custom"] as const;
/** A kind of place. */
export type PlaceKind = (typeof placeKinds)[number];

/** The roles a user can hold, from the most to the least powerful. */
export const roles = ["admin", "officer", "board_member", "participant", "supplier"] as const;
/** A user's role. */
export type Role = (typeof roles)[number];

/** The statuses an observation can have; `suppressed` has no value and keeps its reason. */
export const observationStatuses = ["ok", "suppressed", "provisional", "estimated"] as const;
/** The status of one observation. */
export type ObservationStatus = (typeof observationStatuses)[number];

/** The goals of the strategy that indicators are grouped under. */
export const goals = [
  "prosperity",
  "equality",
  "sustainability",
  "wellbeing",
  "skills",
  "jobs",
] as const;

/**
 * Whether a higher value is better (1), worse (-1), or neither (0, a contextual variable such as
 * population density).
 */
export type Polarity = 1 | -1 | 0;

/** A place: an area of the geography, identified by its GSS-style code. */
export interface Place {
  /** The GSS code (E06000001) or another stable code; always a string. */
  code: string;
  /** The place's name. */
  name: string;
  /** Nation, region, district, neighbourhood or custom. */
  kind: PlaceKind;
  /** The code of the place that contains it, if any. */
  parentCode: string | null;
  /** Usual residents, if known. */
  population: number | null;
  /** True for the generated demo places, which are labelled fictional wherever shown. */
  fictional: boolean;
}

/** A measure observed for places over time. */
export interface Indicator {
  /** A short stable identifier, such as `gva_per_head`. */
  id: string;
  /** The name shown to people. */
  name: string;
  /** The goal it measures, such as prosperity; null where not yet assigned. */
  goal: string | null;
  /** The unit, such as "£", "%", "tCO2e per person". */
  unit: string | null;
  /** Whether higher is better (1), worse (-1), or neither (0). */
  polarity: Polarity;
  /** Where the figures come from. */
  source: string | null;
  /** The licence of the figures. */
  licence: string | null;
}

/** One value of one indicator for one place in one period. */
export interface Observation {
  placeCode: string;
  indicatorId: string;
  /** The period as published: "2023", "2022-23", "2023-Q1". */
  period: string;
  /** The value; null when suppressed or missing. */
  value: number | null;
  /** Lower bound of a confidence interval, if published. */
  lower: number | null;
  /** Upper bound of a confidence interval, if published. */
  upper: number | null;
  status: ObservationStatus;
  /** Why a value is suppressed or estimated, as the publisher marked it. */
  note: string | null;
}

/** An industry of the SIC 2007 classification (or a custom grouping). */
export interface Industry {
  /** The SIC 2007 code as text: "C" for a section, "10" for a division, "10.1" or "101" below. */
  code: string;
  name: string;
  /** The code of the enclosing section or division. */
  parentCode: string | null;
  /** section, division, group, class, subclass or custom. */
  level: string;
  /**
   * True for the foundational economy: care, health, education, utilities, food, retail,
   * housing, transport.
   */
  foundational: boolean;
}

/** Employees in one industry in one place in one period. */
export interface Employment {
  placeCode: string;
  industryCode: string;
  period: string;
  employees: number;
}
