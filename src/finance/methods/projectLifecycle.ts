/** The instruments a fund may use. */
export const instruments = ["loan", "grant", "equity", "guarantee"] as const;
/** A financial instrument. */
export type Instrument = (typeof instruments)[number];

/**
 * Qualification levels of the Regulated Qualifications Framework, grouped as the skills plan
 * groups them: none or entry level, levels 1 and 2, level 3, levels 4 and 5, level 6 and above
 * (a degree or higher).
 */
export const qualificationLevels = ["entry", "1-2", "3", "4-5", "6+"] as const;
/** A group of RQF levels. */
export type QualificationLevel = (typeof qualificationLevels)[number];

/** The statuses of an investment project, in the order a project moves through them. */
export const projectStatuses = [
  "proposed",
  "appraised",
  "approved",
  "contracted",
  "disbursing",
  "repaying",
  "closed",
  "written off",
] as const;
/** The status of an investment project. */
export type ProjectStatus = (typeof projectStatuses)[number];

/**
 * The moves a project may make from each status. A project goes forward one step at a time; an
 * appraised project may be sent back to be proposed again; a grant or an equity stake closes
 * once paid out (nothing to repay); money lent or invested may be written off once contracted.
 */
export const statusMoves: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  proposed: ["appraised"],
  appraised: ["approved", "proposed"],
  approved: ["contracted", "appraised"],
  contracted: ["disbursing", "written off"],
  disbursing: ["repaying", "closed", "written off"],
  repaying: ["closed", "written off"],
  closed: [],
  "written off": [],
};

/** The statuses from which a project is a funding decision the public may read. */
export const decidedStatuses: ReadonlySet<ProjectStatus> = new Set([
  "approved",
  "contracted",
  "disbursing",
  "repaying",
  "closed",
  "written off",
]);

/**
 * Why a project may not move from one status to another, or undefined when it may. Moving to
 * approval and beyond needs a fund that pays for the project.
 */
export function statusMoveRefusal(
  from: ProjectStatus,
  to: ProjectStatus,
  project: { hasFund: boolean },
): string | undefined {
  if (from === to) return `the project is already ${to}`;
  if (!statusMoves[from].includes(to)) {
    const allowed = statusMoves[from];
    return allowed.length === 0
      ? `a ${from} project cannot change status`
      : `a ${from} project can move only to ${allowed.join(" or ")}`;
  }
  if (decidedStatuses.has(to) && !project.hasFund) {
    return "name the fund that pays for the project before approving it";
  }
  return undefined;
}

/** What a fund may finance. */
export interface FundMandate {
  /** The instruments the fund may use; at least one. */
  instruments: readonly Instrument[];
  /**
   * The places it may finance: codes of districts, regions or any place that contains others
   * (a project's place matches when it or any place containing it is listed); undefined: any.
   */
  places?: readonly string[] | undefined;
  /**
   * The sectors it may finance: SIC 2007 section letters ("C") or division codes ("28"); a
   * project's division matches its own code or its section's letter; undefined: any.
   */
  sectors?: readonly string[] | undefined;
}

/** A project as the mandate sees it. */
export interface MandateProject {
  /** The project's place and every place that contains it, innermost first. */
  places: readonly string[];
  /** The project's sector: a SIC division code or section letter. */
  sector: string;
  /** The section letter of the sector, when the sector is a division code. */
  section?: string | undefined;
  /** The instrument the project asks for, when it says. */
  instrument?: Instrument | null | undefined;
}

/** Why a fund's mandate does not cover a project, or undefined when it does. */
export function mandateRefusal(mandate: FundMandate, project: MandateProject): string | undefined {
  if (project.instrument != null && !mandate.instruments.includes(project.instrument)) {
    return `the fund does not offer a ${project.instrument}; it offers ${mandate.instruments.join(", ")}`;
  }
  if (
    mandate.places !== undefined &&
    !project.places.some((place) => mandate.places!.includes(place))
  ) {
    return `the fund's mandate covers only ${mandate.places.join(", ")}`;
  }
  if (
    mandate.sectors !== undefined &&
    !mandate.sectors.includes(project.sector) &&
    (project.section === undefined || !mandate.sectors.includes(project.section))
  ) {
    return `the fund's mandate covers only the sectors ${mandate.sectors.join(", ")}`;
  }
  return undefined;
}

/**
 * A letter grade for a probability of default or of failing to deliver, as lenders show it:
 * A below 2.5%, B below 5%, C below 10%, D below 20%, E from 20%. The cut-offs are a
 * presentation convention of this tool, not a rating agency's scale.
 */
export function riskGrade(risk: number | null | undefined): string | undefined {
  if (risk == null || !Number.isFinite(risk)) return undefined;
  if (risk < 0.025) return "A";
  if (risk < 0.05) return "B";
  if (risk < 0.1) return "C";
  if (risk < 0.2) return "D";
  return "E";
}

/**
 * The totals of a project's jobs by qualification level: all jobs, the jobs open to people
 * without a degree (every level below 6) and the jobs-weighted mean annual pay of those whose
 * pay is known (undefined when none is).
 */
export function jobsByLevelTotals(
  rows: readonly { level: QualificationLevel; jobs: number; annualPay?: number | null }[],
): { jobs: number; jobsNoDegree: number; meanPay: number | undefined } {
  let jobs = 0;
  let jobsNoDegree = 0;
  let paid = 0;
  let payTotal = 0;
  for (const row of rows) {
    jobs += row.jobs;
    if (row.level !== "6+") jobsNoDegree += row.jobs;
    if (row.annualPay != null && Number.isFinite(row.annualPay)) {
      paid += row.jobs;
      payTotal += row.jobs * row.annualPay;
    }
  }
  return { jobs, jobsNoDegree, meanPay: paid > 0 ? payTotal / paid : undefined };
}
