import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dataEditors } from "../api/access.js";
import type { Role } from "../core/vocabulary.js";
import { InputError } from "../core/errors.js";
import {
  addLenderOfficer,
  assertManages,
  lenderKinds,
  listLenders,
  saveFund,
  saveLender,
} from "./lenders.js";
import { createLoan, loanBook, recordLoanMovement } from "./loans.js";
import { appraisalCriteria } from "./methods/appraisal.js";
import type { PortfolioResult } from "./methods/portfolio.js";
import { portfolioInWorker } from "./portfolioWorker.js";
import {
  decidedStatuses,
  instruments,
  projectStatuses,
  qualificationLevels,
} from "./methods/projectLifecycle.js";
import { listPipeline, savePipeline, type StoredProject } from "./pipeline.js";
import { changeProjectStatus, projectDetail, reportOutcome } from "./projects.js";
import { isIsoDate } from "./projectsFile.js";
import { appraisePipeline, fundBudgets, portfolioProjects } from "./service.js";

/** Who reads a lender's pipeline and book: its officers, the board and admins. */
export const financeReaders: readonly Role[] = ["admin", "officer", "board_member"];

const problem = z.object({ error: z.string(), message: z.string() });
const share = z.number().min(0).max(1);
const isoDate = z.string().refine(isIsoDate, { message: "expected a date as YYYY-MM-DD" });
const pence = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const project = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200).optional(),
  place: z.string().min(1),
  sector: z.string().min(1),
  amount: z.number().positive(),
  jobs: z.number().nonnegative(),
  jobsNoDegree: z.number().nonnegative().nullable().default(null),
  co2Change: z.number().nullable().default(null),
  localSpendShare: share.nullable().default(null),
  risk: share.nullable().default(null),
  leftBehind: z.boolean().default(false),
  extra: z.record(z.string(), z.number().nullable()).default({}),
  applicant: z.string().min(1).max(200).optional(),
  neighbourhood: z.string().min(1).max(64).optional(),
  fund: z.string().min(1).max(64).optional(),
  instrument: z.enum(instruments).optional(),
  coFinance: z.number().nonnegative().optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  jobsSafeguarded: z.number().nonnegative().optional(),
  jobsByLevel: z
    .array(
      z.object({
        level: z.enum(qualificationLevels),
        jobs: z.number().nonnegative(),
        annualPay: z.number().nonnegative().nullable().optional(),
      }),
    )
    .max(qualificationLevels.length)
    .optional(),
});
const storedProject = project.extend({
  name: z.string(),
  status: z.string(),
  amountPence: z.number(),
  record: project
    .pick({
      applicant: true,
      neighbourhood: true,
      fund: true,
      instrument: true,
      coFinance: true,
      startDate: true,
      endDate: true,
      jobsSafeguarded: true,
      jobsByLevel: true,
    })
    .extend({ name: z.string().optional() }),
  lenderId: z.string().nullable(),
});
const fundBody = z.object({
  id: z.string().min(1).max(64),
  lenderId: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  budgetPence: pence,
  instruments: z.array(z.enum(instruments)).min(1),
  mandatePlaces: z.array(z.string().min(1)).max(1000).nullable().optional(),
  mandateSectors: z.array(z.string().min(1).max(8)).max(200).nullable().optional(),
  minShareMarginalised: z.number().min(0).max(1).optional(),
});
const loanMovement = z.object({
  kind: z.enum(["disbursement", "repayment", "write-off"]),
  date: isoDate,
  amountPence: pence.refine((value) => value > 0, { message: "expected an amount above 0" }),
  note: z.string().max(500).optional(),
});
const appraisal = z.object({
  id: z.string(),
  score: z.number().nullable(),
  baseScore: z.number().nullable(),
  distributionalWeight: z.number(),
  riskFactor: z.number(),
  rank: z.number().nullable(),
  costPerJob: z.number().nullable(),
  costPerTonne: z.number().nullable(),
  contributions: z.array(
    z.object({
      criterion: z.string(),
      value: z.number().nullable(),
      scaled: z.number().nullable(),
      weight: z.number(),
      contribution: z.number(),
    }),
  ),
});
const weights = z.partialRecord(z.enum(appraisalCriteria), z.number().nonnegative());

/** The finance part of the JSON API, mounted under /api/v1. */
export async function financeRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;
  const tags = ["finance"];
  const security = [{ session: [] }];
  const today = () => new Date().toISOString().slice(0, 10);

  const appraise = (
    projects: StoredProject[],
    options: {
      weights?: Partial<Record<string, number>> | undefined;
      elasticity?: number | undefined;
    },
  ) => {
    const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
    return appraisePipeline(projects, {
      ...(options.weights === undefined ? {} : { weights: options.weights }),
      ...(options.elasticity === undefined ? {} : { elasticity: options.elasticity }),
    }).map((item) => ({
      ...item,
      score: finite(item.score),
      baseScore: finite(item.baseScore),
    }));
  };

  app.get(
    "/finance/projects",
    {
      schema: {
        summary: "The pipeline, each project appraised with its parts",
        description:
          "For admins, officers and board members. Weights: a priority weight set as JSON in `weights` (criteria: jobsPerPound, jobsNoDegree, payAboveMedian, co2PerPound, localSpend, opportunityAlignment, deprivation); `elasticity` is the Green Book elasticity of marginal utility of income (default 1.3). See docs/methods/appraisal.md.",
        tags,
        querystring: z.object({
          weights: z.string().max(2000).optional(),
          elasticity: z.coerce.number().nonnegative().optional(),
        }),
        response: {
          200: z.array(z.object({ project: storedProject, appraisal })),
          400: problem,
        },
        security,
      },
      config: { access: { roles: financeReaders } },
    },
    async (request) => {
      const projects = await listPipeline(database);
      let parsed: z.infer<typeof weights> | undefined;
      if (request.query.weights !== undefined) {
        let json: unknown;
        try {
          json = JSON.parse(request.query.weights);
        } catch {
          json = undefined;
        }
        const result = weights.safeParse(json);
        if (!result.success) {
          throw new InputError(`expected a weight set over ${appraisalCriteria.join(", ")}`, {
            field: "weights",
            value: request.query.weights,
          });
        }
        parsed = result.data;
      }
      const appraised = new Map(
        appraise(projects, { weights: parsed, elasticity: request.query.elasticity }).map(
          (item) => [item.id, item],
        ),
      );
      return projects.map((item) => ({ project: item, appraisal: appraised.get(item.id)! }));
    },
  );

  app.post(
    "/finance/projects",
    {
      schema: {
        summary: "Add or replace projects in the pipeline (admin, officer)",
        description:
          "All or nothing: a project in a place not stored, a neighbourhood outside its place, a fund whose mandate does not cover it, or jobs by level that do not add up change nothing. Amounts in pounds (stored in pence). A project naming a fund may be written only by an officer of the fund's lender; a funding decision (approved or later) cannot be replaced.",
        tags,
        security,
        body: z.object({ projects: z.array(project).min(1).max(10_000) }),
        response: {
          200: z.object({ stored: z.number() }),
          400: problem,
          403: problem,
          409: problem,
        },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) => {
      const user = request.session!.user;
      return {
        stored: await database.transaction(async (transaction) => {
          const funds = [...new Set(request.body.projects.flatMap((item) => item.fund ?? []))];
          const lenders = await transaction.query<{ lender: string }>(
            "select distinct lender_id as lender from finance_funds where id = any($1::text[])",
            [funds],
          );
          for (const { lender } of lenders) await assertManages(transaction, user, lender);
          return savePipeline(
            transaction,
            request.body.projects.map((item, index) => {
              const {
                applicant,
                neighbourhood,
                fund,
                instrument,
                coFinance,
                startDate,
                endDate,
                jobsSafeguarded,
                jobsByLevel,
                name,
                ...core
              } = item;
              const record = Object.fromEntries(
                Object.entries({
                  name,
                  applicant,
                  neighbourhood,
                  fund,
                  instrument,
                  coFinance,
                  startDate,
                  endDate,
                  jobsSafeguarded,
                  jobsByLevel,
                }).filter(([, value]) => value !== undefined),
              );
              return { ...core, score: null, line: index + 1, record };
            }),
            { file: "(request body)" },
          );
        }),
      };
    },
  );

  app.get(
    "/finance/projects/:id",
    {
      schema: {
        summary: "One project: its record, status history, outcome reports and loans",
        description:
          "For admins, officers and board members. Promised (the record) beside delivered (the latest report of each measure).",
        tags,
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.record(z.string(), z.unknown()), 404: problem },
      },
      config: { access: { roles: financeReaders } },
    },
    async (request) =>
      (await projectDetail(database, request.params.id, today())) as unknown as Record<
        string,
        unknown
      >,
  );

  app.post(
    "/finance/projects/:id/status",
    {
      schema: {
        summary: "Move a project to its next status (an officer of its lender, admin)",
        description: `Statuses: ${projectStatuses.join(", ")}. A project moves one step at a time; approval needs a fund and must fit in the fund's budget. The move is logged.`,
        tags,
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({ status: z.enum(projectStatuses), note: z.string().max(500).optional() }),
        response: {
          200: z.object({ status: z.string() }),
          400: problem,
          403: problem,
          404: problem,
        },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) => ({
      status: await changeProjectStatus(
        database,
        request.session!.user,
        request.params.id,
        request.body.status,
        request.body.note,
      ),
    }),
  );

  app.post(
    "/finance/projects/:id/outcomes",
    {
      schema: {
        summary:
          "Record what a contracted project reports it has delivered (an officer of its lender, admin)",
        tags,
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({
          reportedOn: isoDate,
          jobs: z.number().nonnegative().optional(),
          jobsSafeguarded: z.number().nonnegative().optional(),
          co2Change: z.number().optional(),
          localSpendShare: share.optional(),
          note: z.string().max(500).optional(),
        }),
        response: {
          201: z.object({ recorded: z.boolean() }),
          400: problem,
          403: problem,
          404: problem,
        },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) => {
      await reportOutcome(database, request.session!.user, request.params.id, request.body);
      return reply.code(201).send({ recorded: true });
    },
  );

  app.get(
    "/finance/decisions",
    {
      schema: {
        summary: "The published funding decisions: projects approved or later, for everyone",
        description:
          "What each lender has decided to fund, where, with what, and the jobs promised against the jobs last reported. Amounts in pence.",
        tags,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              applicant: z.string().nullable(),
              place: z.string(),
              placeName: z.string(),
              lender: z.string().nullable(),
              fund: z.string().nullable(),
              instrument: z.string().nullable(),
              amountPence: z.number(),
              status: z.string(),
              jobsPromised: z.number(),
              jobsReported: z.number().nullable(),
              leftBehind: z.boolean(),
            }),
          ),
        },
      },
      config: { access: "public" },
    },
    async () => publishedDecisions(),
  );

  async function publishedDecisions() {
    const projects = (await listPipeline(database)).filter((item) =>
      decidedStatuses.has(item.status),
    );
    const reported = new Map(
      (
        await database.query<{ project: string; jobs: number }>(
          `select distinct on (project_id) project_id as project, jobs from finance_outcomes
           where jobs is not null order by project_id, reported_on desc, id desc`,
        )
      ).map((row) => [row.project, row.jobs]),
    );
    return projects.map((item) => ({
      id: item.id,
      name: item.name,
      applicant: item.record.applicant ?? null,
      place: item.place,
      placeName: item.placeName,
      lender: item.lenderName,
      fund: item.fundName,
      instrument: item.record.instrument ?? null,
      amountPence: item.amountPence,
      status: item.status,
      jobsPromised: item.jobs,
      jobsReported: reported.get(item.id) ?? null,
      leftBehind: item.leftBehind,
    }));
  }

  app.get(
    "/finance/lenders",
    {
      schema: {
        summary:
          "Lenders and their funds: budget, instruments, mandate, the marginalised floor and what is committed",
        tags,
        security,
        response: { 200: z.array(z.record(z.string(), z.unknown())) },
      },
      config: { access: { roles: financeReaders } },
    },
    async () => (await listLenders(database)) as unknown as Record<string, unknown>[],
  );

  app.post(
    "/finance/lenders",
    {
      schema: {
        summary: "Add a lender or rename one (admin)",
        tags,
        security,
        body: z.object({
          id: z
            .string()
            .min(1)
            .max(64)
            .regex(/^[a-z0-9-]+$/, "expected lower-case letters, digits and hyphens"),
          name: z.string().min(1).max(200),
          kind: z.enum(lenderKinds),
        }),
        response: { 201: z.object({ id: z.string() }), 400: problem },
      },
      config: { access: { roles: ["admin"] } },
    },
    async (request, reply) => {
      await saveLender(database, request.body);
      return reply.code(201).send({ id: request.body.id });
    },
  );

  app.post(
    "/finance/lenders/:id/officers",
    {
      schema: {
        summary: "Make an officer one of a lender's officers (admin)",
        tags,
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z.object({ email: z.string().email() }),
        response: {
          201: z.object({ lender: z.string(), email: z.string() }),
          400: problem,
          404: problem,
        },
      },
      config: { access: { roles: ["admin"] } },
    },
    async (request, reply) => {
      await addLenderOfficer(database, request.params.id, request.body.email);
      return reply.code(201).send({ lender: request.params.id, email: request.body.email });
    },
  );

  app.post(
    "/finance/funds",
    {
      schema: {
        summary: "Add or change a fund (an officer of its lender, admin)",
        description:
          "Budget in pence; instruments loan, grant, equity, guarantee; mandate places (codes; a region covers its districts) and sectors (SIC sections or divisions), null for any; the least share of its money for marginalised places.",
        tags,
        security,
        body: fundBody,
        response: { 201: z.object({ id: z.string() }), 400: problem, 403: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) => {
      await database.transaction(async (transaction) => {
        await assertManages(transaction, request.session!.user, request.body.lenderId);
        await saveFund(transaction, request.body);
      });
      return reply.code(201).send({ id: request.body.id });
    },
  );

  app.get(
    "/finance/loans",
    {
      schema: {
        summary: "The loan book revalued on a day: arrears, days past due, portfolio at risk",
        tags,
        security,
        querystring: z.object({ asOf: isoDate.optional(), lender: z.string().optional() }),
        response: { 200: z.record(z.string(), z.unknown()), 400: problem },
      },
      config: { access: { roles: financeReaders } },
    },
    async (request) =>
      (await loanBook(database, request.query.asOf ?? today(), {
        ...(request.query.lender === undefined ? {} : { lenders: new Set([request.query.lender]) }),
      })) as unknown as Record<string, unknown>,
  );

  app.post(
    "/finance/loans",
    {
      schema: {
        summary: "Contract a loan to an approved project (an officer of its lender, admin)",
        description:
          "Principal in pence, no more than the project asked for; rate in basis points; annuity or bullet; day count 30/360 (default) or actual/365. The project becomes contracted.",
        tags,
        security,
        body: z.object({
          projectId: z.string().min(1).max(64),
          principalPence: pence.refine((value) => value > 0, {
            message: "expected an amount above 0",
          }),
          rateBps: z.number().int().min(0).max(10_000),
          months: z.number().int().min(1).max(600),
          type: z.enum(["annuity", "bullet"]),
          startDate: isoDate,
          dayCount: z.enum(["30/360", "actual/365"]).optional(),
        }),
        response: { 201: z.object({ id: z.string() }), 400: problem, 403: problem, 404: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await createLoan(database, request.session!.user, request.body) }),
  );

  app.post(
    "/finance/loans/:id/movements",
    {
      schema: {
        summary:
          "Record a disbursement, repayment or write-off on a loan (an officer of its lender, admin)",
        description:
          "Amount in pence; the date not in the future nor before the loan starts. Refuses paying out more than the principal, repaying more than is left to pay, writing off more than is outstanding. The project's status follows the money. Returns the loan revalued on the day.",
        tags,
        security,
        params: z.object({ id: z.string().min(1).max(80) }),
        body: loanMovement,
        response: {
          201: z.record(z.string(), z.unknown()),
          400: problem,
          403: problem,
          404: problem,
        },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          (await recordLoanMovement(
            database,
            request.session!.user,
            request.params.id,
            request.body,
          )) as unknown as Record<string, unknown>,
        ),
  );

  app.post(
    "/finance/portfolio",
    {
      schema: {
        summary: "Choose the projects to fund from the stored pipeline (reads only)",
        description:
          "Maximises appraised impact within the budget, with a least share of the money (and of jobs) in left-behind places, a most share per place and per sector, and a risk limit. With `byFund` true it chooses among the projects not yet decided, each fund paying from its money left (budget less what it has committed) with its own floor for marginalised places. Returns the optimum, the binding constraints and what each costs (by solving again without it), the cost of fairness and the greedy ranking. Solved in a worker thread. For admins, officers and board members; a POST because it takes constraints; it stores nothing.",
        tags,
        body: z
          .object({
            budget: z.number().positive().optional(),
            byFund: z.boolean().default(false),
            minShareLeftBehind: share.optional(),
            minJobShareLeftBehind: share.optional(),
            maxSharePlace: share.optional(),
            maxShareSector: share.optional(),
            maxMeanRisk: share.optional(),
            weights: weights.optional(),
          })
          .refine((body) => body.byFund || body.budget !== undefined, {
            message: "expected a budget, or byFund true to use each fund's money left",
            path: ["budget"],
          }),
        response: { 200: z.record(z.string(), z.unknown()), 400: problem },
        security,
      },
      config: { access: { roles: financeReaders } },
    },
    async (request) => {
      const { weights: priority, byFund, budget, ...constraints } = request.body;
      const projects = await listPipeline(database);
      const scores = new Map(
        appraise(projects, { weights: priority }).map((item) => [item.id, item.score ?? 0]),
      );
      let result: PortfolioResult;
      if (byFund) {
        const funds = fundBudgets(projects, await listLenders(database));
        result = await portfolioInWorker(portfolioProjects(funds.candidates, scores), {
          ...constraints,
          budget: funds.budget,
          minShareLeftBehindByFund: funds.floors,
        });
      } else {
        result = await portfolioInWorker(portfolioProjects(projects, scores), {
          ...constraints,
          budget: budget!,
        });
      }
      return result as unknown as Record<string, unknown>;
    },
  );
}
