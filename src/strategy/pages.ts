import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { InputError, NotFoundError } from "../core/errors.js";
import { lineChart, sparkline } from "../web/charts/index.js";
import { page } from "../web/page.js";
import { strategyReport, type StrategyReport } from "./report.js";
import { placeStrategy, strategyPlaces, type PlaceStrategy } from "./service.js";
import { actionStatuses, recordActionUpdate } from "./store.js";

/** Who may record progress on actions. */
export const actionUpdaters = ["admin", "officer"] as const;
const updaters = { access: { roles: actionUpdaters } } as const;

/** What each objective status is called, and its GOV.UK tag colour. */
export const statusTags: Record<string, { text: string; colour: string }> = {
  met: { text: "Met", colour: "govuk-tag--green" },
  "on-track": { text: "On track", colour: "govuk-tag--turquoise" },
  "at-risk": { text: "At risk", colour: "govuk-tag--yellow" },
  "off-track": { text: "Off track", colour: "govuk-tag--red" },
  "no-data": { text: "No data yet", colour: "govuk-tag--grey" },
};

/** What each action status is called. */
const actionStatusNames: Record<string, string> = {
  planned: "Planned",
  "in-progress": "In progress",
  done: "Done",
  dropped: "Dropped",
};

/** The report's template. */
export const reportTemplate = "strategy/views/report.njk";

/** What the report's template is given besides the page's own fields. */
export function reportFields(report: StrategyReport): Record<string, unknown> {
  return { r: report, statusTags, actionStatusNames, fictional: report.place.fictional };
}

/** The whole years from the first to the last period, when every period is a plain year. */
function yearsBetween(first: string, last: string): string[] | undefined {
  if (!/^\d{4}$/.test(first) || !/^\d{4}$/.test(last)) return undefined;
  const years = [];
  for (let year = Number(first); year <= Number(last); year++) years.push(String(year));
  return years;
}

/**
 * An objective's chart: its indicator's observations and the straight path from its baseline to
 * its target, year by year, when its periods are plain years.
 */
function objectiveChart(
  strategy: PlaceStrategy,
  objective: PlaceStrategy["objectives"][number],
): string | undefined {
  const first = objective.observations[0]?.period ?? objective.baseline.period;
  const years = yearsBetween(
    first < objective.baseline.period ? first : objective.baseline.period,
    objective.target.period,
  );
  if (years === undefined) return undefined;
  const observed = new Map(objective.observations.map((row) => [row.period, row.value]));
  const from = Number(objective.baseline.period);
  const to = Number(objective.target.period);
  return lineChart({
    title: `${objective.indicator.name}, ${strategy.place.name}, against the path to its ${objective.target.period} target`,
    unit: objective.indicator.unit,
    width: 480,
    series: [
      {
        label: strategy.place.name,
        points: years.map((year) => ({ period: year, value: observed.get(year) ?? null })),
      },
      {
        label: `Path to the target`,
        points: years.map((year) => {
          const at = Number(year);
          return {
            period: year,
            value:
              at < from
                ? null
                : objective.baseline.value +
                  ((objective.target.value - objective.baseline.value) * (at - from)) / (to - from),
          };
        }),
      },
    ],
  });
}

/**
 * The strategy pages, public to read: the places with a strategy; a place's strategy with its
 * objectives and how each is doing; the actions board, where officers record progress; and the
 * monitoring view, each objective's indicator against the path to its target.
 */
export async function strategyPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/strategy", { schema: { hide: true } }, async (request, reply) => {
    const places = await strategyPlaces(database);
    return page(reply, request, "strategy/views/places.njk", "Strategy", { places });
  });

  const strategyView = async (request: FastifyRequest) => {
    const { code } = request.params as { code: string };
    const { version } = request.query as { version?: string };
    const number = version === undefined ? undefined : Number(version);
    if (number !== undefined && !Number.isInteger(number)) {
      throw new NotFoundError(`There is no strategy version "${version}".`);
    }
    return placeStrategy(database, code, number);
  };

  app.get("/strategy/:code", { schema: { hide: true } }, async (request, reply) => {
    const strategy = await strategyView(request);
    const objectives = strategy.objectives.map((objective) => ({
      ...objective,
      spark: sparkline(
        objective.observations.map((row) => row.value),
        {
          label: `${objective.indicator.name}, ${objective.observations[0]?.period ?? ""} to ${objective.observations.at(-1)?.period ?? ""}`,
          width: 96,
        },
      ),
    }));
    return page(reply, request, "strategy/views/strategy.njk", strategy.strategy.title, {
      s: strategy,
      objectives,
      statusTags,
      fictional: strategy.place.fictional,
    });
  });

  app.get("/strategy/:code/monitoring", { schema: { hide: true } }, async (request, reply) => {
    const strategy = await strategyView(request);
    const objectives = strategy.objectives.map((objective) => ({
      ...objective,
      chart: objectiveChart(strategy, objective),
    }));
    return page(
      reply,
      request,
      "strategy/views/monitoring.njk",
      `Monitoring: ${strategy.strategy.title}`,
      { s: strategy, objectives, statusTags, fictional: strategy.place.fictional },
    );
  });

  const actionsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: { text: string; href: string }[]; form?: Record<string, string> } = {},
  ) => {
    const strategy = await strategyView(request);
    const role = request.session?.user.role;
    return page(
      reply,
      request,
      "strategy/views/actions.njk",
      `Actions: ${strategy.strategy.title}`,
      {
        s: strategy,
        statusTags,
        actionStatuses,
        actionStatusNames,
        canUpdate: role !== undefined && (actionUpdaters as readonly string[]).includes(role),
        fictional: strategy.place.fictional,
        ...extra,
      },
    );
  };

  app.get("/strategy/:code/actions", { schema: { hide: true } }, actionsPage);

  app.get("/strategy/:code/report", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const { version } = request.query as { version?: string };
    const number = version === undefined ? undefined : Number(version);
    if (number !== undefined && !Number.isInteger(number)) {
      throw new NotFoundError(`There is no strategy version "${version}".`);
    }
    const report = await strategyReport(database, code, number);
    return page(
      reply,
      request,
      reportTemplate,
      `Strategy report: ${report.strategy.title}, ${report.place.name}`,
      reportFields(report),
    );
  });

  app.post(
    "/strategy/:code/actions/:id",
    { schema: { hide: true }, config: updaters },
    async (request, reply) => {
      const { code, id } = request.params as { code: string; id: string };
      const form = (request.body ?? {}) as Record<string, string>;
      const actionId = Number(id);
      try {
        const [belongs] = await database.query(
          `select 1 from strategy_actions a join strategy_objectives o on o.id = a.objective_id
           join strategies s on s.id = o.strategy_id where a.id = $1 and s.place_code = $2`,
          [Number.isInteger(actionId) ? actionId : -1, code],
        );
        if (belongs === undefined) throw new NotFoundError(`There is no action ${id} here.`);
        await database.transaction((transaction) =>
          recordActionUpdate(transaction, actionId, {
            status: form.status ?? "",
            note: (form.note ?? "").slice(0, 1000),
            userId: request.session!.user.id,
          }),
        );
      } catch (error) {
        if (error instanceof InputError) {
          reply.code(400);
          return actionsPage(request, reply, {
            errors: [{ text: error.message, href: `#note-${id}` }],
            form: { ...form, action: id },
          });
        }
        throw error;
      }
      return reply.redirect(`/strategy/${encodeURIComponent(code)}/actions#action-${id}`, 303);
    },
  );
}
