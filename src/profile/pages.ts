import type { FastifyInstance } from "fastify";
import { page, sendCsv } from "../web/page.js";
import { toCsv } from "../core/formatRows.js";
import { barChart, scatterChart, waterfallChart } from "../web/charts/index.js";
import { InputError } from "../core/errors.js";
import { getWeightSet, listWeightSets } from "../participation/results.js";
import { opportunityCriteria, opportunityCriterionLabels } from "./methods/opportunities.js";
import { defaultOpportunityWeights, placeOpportunities } from "./opportunitiesService.js";

const criterionNames: ReadonlySet<string> = new Set(opportunityCriteria);
import { placeProfile } from "./service.js";

/** The profile pages: the places to choose from, and one place's industrial profile. */
export async function profilePages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/profile", { schema: { hide: true } }, async (request, reply) => {
    const places = await database.query<{
      code: string;
      name: string;
      kind: string;
      fictional: boolean;
    }>(
      `select p.code, p.name, p.kind, p.fictional from places p
       where exists (select 1 from employment e where e.place_code = p.code)
       order by p.name`,
    );
    return page(reply, request, "profile/views/index.njk", "Profile and opportunities", {
      places,
      fictional: places.some((place) => place.fictional),
    });
  });

  app.get("/profile/:code", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const profile = await placeProfile(database, code);
    // Tiny industries give large quotients from a handful of jobs: chart those with at least
    // 0.2% of the place's jobs (the table below lists every one).
    const byLq = profile.industries
      .filter(
        (industry) =>
          industry.locationQuotient !== null && industry.share >= 0.002 && industry.employees > 0,
      )
      .sort((a, b) => b.locationQuotient! - a.locationQuotient!)
      .slice(0, 12);
    const nearest = profile.industries
      .filter((industry) => (industry.locationQuotient ?? 0) < 1 && industry.density !== null)
      .sort((a, b) => b.density! - a.density!)
      .slice(0, 10);
    return page(reply, request, "profile/views/place.njk", `${profile.place.name}: profile`, {
      profile,
      lqChart: barChart({
        title: `The ${byLq.length} industries most concentrated in ${profile.place.name}, by location quotient, ${profile.period} (industries with at least 0.2% of its jobs)`,
        bars: byLq.map((industry) => ({
          label: industry.name,
          value: industry.locationQuotient!,
          highlight: industry.strong,
        })),
        format: (value) => value.toFixed(2),
      }),
      waterfall:
        profile.shiftShare === undefined
          ? undefined
          : waterfallChart({
              title: `Shift-share of employment in ${profile.place.name}, ${profile.basePeriod} to ${profile.period}`,
              unit: "jobs",
              steps: [
                { label: "National share", value: profile.shiftShare.totals.nationalShare },
                { label: "Industry mix", value: profile.shiftShare.totals.industryMix },
                { label: "Local share", value: profile.shiftShare.totals.localShare },
                { label: "Change", value: profile.shiftShare.totals.change, total: true },
              ],
            }),
      nearest,
      fictional: profile.place.fictional,
    });
  });

  app.get("/profile/:code/opportunities", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const { weights: weightSetName } = request.query as { weights?: string };
    const weightSets = (await listWeightSets(database)).filter((set) =>
      Object.keys(set.weights).every((key) => criterionNames.has(key)),
    );
    const chosen =
      weightSetName === undefined || weightSetName === ""
        ? undefined
        : await getWeightSet(database, weightSetName);
    if (chosen !== undefined && !weightSets.some((set) => set.id === chosen.id)) {
      throw new InputError(
        `the weight set "${chosen.name}" weighs options that are not opportunity criteria`,
        { field: "weights", value: chosen.name },
      );
    }
    const result = await placeOpportunities(
      database,
      code,
      chosen?.weights ?? defaultOpportunityWeights,
    );
    const candidates = result.ranked.filter((item) => item.rank !== null);
    const top = candidates.slice(0, 15);
    return page(
      reply,
      request,
      "profile/views/opportunities.njk",
      `${result.profile.place.name}: opportunities`,
      {
        result,
        top,
        labels: opportunityCriterionLabels,
        weightSets: weightSets.filter(
          (set, index) => weightSets.findIndex((other) => other.name === set.name) === index,
        ),
        chosen,
        chart: scatterChart({
          title: `The ${top.length} best-placed opportunities for ${result.profile.place.name}: feasibility against attractiveness`,
          xLabel: "Feasibility (density, 0 to 1)",
          yLabel: "Attractiveness (0 to 100)",
          yDomain: [0, 100],
          xGuide: result.densityCut,
          points: top.map((item) => ({
            x: item.feasibility,
            y: item.attractiveness,
            label: String(item.rank),
            highlight: item.classification === "opportunity",
          })),
        }),
        fictional: result.profile.place.fictional,
      },
    );
  });

  app.get("/profile/:code/industries.csv", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const profile = await placeProfile(database, code);
    const rows = profile.industries.map((industry) => ({
      industry: industry.code,
      name: industry.name,
      period: profile.period,
      employment: industry.employees,
      share: industry.share,
      location_quotient: industry.locationQuotient,
      strong: industry.strong,
      foundational: industry.foundational,
      pci: industry.pci,
      density: industry.density,
      cog: industry.cog,
    }));
    return sendCsv(
      reply,
      `${code}-profile.csv`,

      toCsv(
        rows,
        Object.keys(rows[0] ?? { industry: null }).map((key) => ({
          key: key as keyof (typeof rows)[number],
        })),
      ),
    );
  });
}
