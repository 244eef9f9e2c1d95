import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parsePounds } from "../core/parsePounds.js";
import { sic2007Divisions, sic2007Sections } from "../core/sic2007.js";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "../core/errors.js";
import { districtValueMap } from "../web/districtMap.js";
import { page } from "../web/page.js";
import { appraisalCriterionLabels, type AppraisedProject } from "./methods/appraisal.js";
import type { PortfolioResult } from "./methods/portfolio.js";
import { portfolioByGoal } from "./methods/portfolioByGoal.js";
import { portfolioInWorker } from "./portfolioWorker.js";
import { lendersOf, listLenders } from "./lenders.js";
import { loanBook, recordLoanMovement, type LoanMovement } from "./loans.js";
import { riskGrade, statusMoves, type ProjectStatus } from "./methods/projectLifecycle.js";
import { listPipeline, type StoredProject } from "./pipeline.js";
import { changeProjectStatus, projectDetail, reportOutcome } from "./projects.js";
import { isIsoDate } from "./projectsFile.js";
import { financeReaders } from "./routes.js";
import { appraisePipeline, fundBudgets, portfolioProjects, type FundBudgets } from "./service.js";

type Form = Record<string, string | undefined>;
const readers = { access: { roles: financeReaders } } as const;
const managers = { access: { roles: ["admin", "officer"] as const } } as const;
const today = () => new Date().toISOString().slice(0, 10);
const sectorNames = new Map<string, string>([
  ...sic2007Divisions.map(([code, , name]) => [code, name] as [string, string]),
  ...sic2007Sections.map(([code, name]) => [code, name] as [string, string]),
]);

/** A number typed into a form, or undefined when blank; NaN when it is not a number. */
function optionalNumber(text: string | undefined): number | undefined {
  const cleaned = (text ?? "").replace(/[,\s]/g, "");
  return cleaned === "" ? undefined : Number(cleaned);
}

/**
 * The finance pages: the pipeline appraised, the portfolio chosen from it, the lenders and their
 * funds, each project promised against delivered, the loan book, and the published decisions.
 */
export async function financePages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  const appraised = async (): Promise<{
    projects: StoredProject[];
    scores: Map<string, AppraisedProject>;
  }> => {
    const projects = await listPipeline(database);
    const scores = new Map(appraisePipeline(projects).map((project) => [project.id, project]));
    return { projects, scores };
  };

  // The capability's front page: the pipeline for those who read it, the public decisions for
  // everyone else.
  app.get("/finance", { schema: { hide: true } }, async (request, reply) => {
    const role = request.session?.user.role;
    if (role === undefined || !financeReaders.includes(role)) {
      return reply.redirect("/finance/decisions", 303);
    }
    const { projects, scores } = await appraised();
    const rows = projects
      .map((project) => ({ project, appraisal: scores.get(project.id)! }))
      .sort((a, b) => (a.appraisal.rank ?? Infinity) - (b.appraisal.rank ?? Infinity));
    return page(reply, request, "finance/views/pipeline.njk", "Finance: the pipeline", {
      rows,
      labels: appraisalCriterionLabels,
      fictional: projects.some((project) => project.fictional),
    });
  });

  app.get(
    "/finance/portfolio",
    { schema: { hide: true }, config: readers },
    async (request, reply) => {
      const query = request.query as {
        budget?: string;
        floor?: string;
        cap?: string;
        mode?: string;
      };
      const { projects, scores } = await appraised();
      const mode = query.mode === "funds" ? "funds" : "budget";
      const total = projects.reduce((sum, project) => sum + project.amount, 0);
      const budget =
        query.budget === undefined || query.budget === ""
          ? Math.round(total / 3)
          : Number(query.budget);
      const floor = query.floor === undefined || query.floor === "" ? 0.4 : Number(query.floor);
      const cap = query.cap === undefined || query.cap === "" ? 0.3 : Number(query.cap);
      const errors: { text: string; href: string }[] = [];
      if (mode === "budget" && !(budget > 0))
        errors.push({ text: "Enter a budget in pounds above 0", href: "#budget" });
      if (!(floor >= 0 && floor <= 1))
        errors.push({ text: "Enter a share from 0 to 1", href: "#floor" });
      if (!(cap > 0 && cap <= 1))
        errors.push({ text: "Enter a share above 0, up to 1", href: "#cap" });
      const scoreOf = new Map([...scores].map(([id, appraisal]) => [id, appraisal.score]));
      let result: PortfolioResult | undefined;
      let funds: FundBudgets | undefined;
      if (errors.length === 0 && projects.length > 0) {
        try {
          if (mode === "funds") {
            funds = fundBudgets(projects, await listLenders(database));
            result = await portfolioInWorker(portfolioProjects(funds.candidates, scoreOf), {
              budget: funds.budget,
              minShareLeftBehindByFund: funds.floors,
              minShareLeftBehind: floor,
              maxSharePlace: cap,
            });
          } else {
            result = await portfolioInWorker(portfolioProjects(projects, scoreOf), {
              budget,
              minShareLeftBehind: floor,
              maxSharePlace: cap,
            });
          }
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          errors.push({ text: error.message, href: mode === "funds" ? "#mode" : "#budget" });
        }
      }
      const byId = new Map(projects.map((project) => [project.id, project]));
      const spentByPlace = new Map<string, number>();
      for (const item of result?.selected ?? []) {
        const place = byId.get(item.id)!.place;
        spentByPlace.set(place, (spentByPlace.get(place) ?? 0) + item.amount);
      }
      const map = await districtValueMap(database, spentByPlace, {
        title: "Money the portfolio spends in each district",
        label: (name, value) => `${name}: £${Math.round(value).toLocaleString("en-GB")}`,
      });
      const goals =
        result === undefined
          ? undefined
          : portfolioByGoal(
              result.selected.map((item) => {
                const project = byId.get(item.id)!;
                const appraisal = scores.get(item.id)!;
                return {
                  fraction: item.fraction,
                  amount: project.amount,
                  jobs: project.jobs,
                  jobsSafeguarded: project.record.jobsSafeguarded,
                  jobsNoDegree: project.jobsNoDegree,
                  co2Change: project.co2Change,
                  localSpendShare: project.localSpendShare,
                  leftBehind: project.leftBehind,
                  score: appraisal.score,
                  baseScore: appraisal.baseScore,
                  contributions: appraisal.contributions,
                };
              }),
            );
      const fundNames = new Map(
        projects.flatMap((project) =>
          project.record.fund === undefined ? [] : [[project.record.fund, project.fundName]],
        ),
      );
      return page(
        reply.code(errors.length > 0 ? 400 : 200),
        request,
        "finance/views/portfolio.njk",
        "Finance: the portfolio",
        {
          form: { budget, floor, cap, mode },
          errors,
          result,
          goals,
          funds,
          fundNames,
          byId,
          map,
          fictional: projects.some((project) => project.fictional),
        },
      );
    },
  );

  app.get("/finance/loans", { schema: { hide: true }, config: readers }, async (request, reply) => {
    const asOf = new Date().toISOString().slice(0, 10);
    const book = await loanBook(database, asOf);
    const revalued = new Map(book.revaluation.loans.map((loan) => [loan.id, loan]));
    return page(reply, request, "finance/views/loans.njk", "Finance: the loan book", {
      asOf,
      rows: book.loans.map((loan) => ({ loan, value: revalued.get(loan.id)! })),
      totals: book.revaluation.totals,
      fictional: book.loans.some((loan) => loan.fictional),
    });
  });

  app.get("/finance/decisions", { schema: { hide: true } }, async (request, reply) => {
    const projects = (await listPipeline(database)).filter(
      (project) => !["proposed", "appraised"].includes(project.status),
    );
    const reported = await latestJobs();
    return page(reply, request, "finance/views/decisions.njk", "Finance: funding decisions", {
      rows: projects.map((project) => ({ project, jobsReported: reported.get(project.id) })),
      totalPence: projects.reduce((sum, project) => sum + project.amountPence, 0),
      leftBehindPence: projects
        .filter((project) => project.leftBehind)
        .reduce((sum, project) => sum + project.amountPence, 0),
      fictional: projects.some((project) => project.fictional),
    });
  });

  app.get(
    "/finance/lenders",
    { schema: { hide: true }, config: readers },
    async (request, reply) => {
      const lenders = await listLenders(database);
      return page(reply, request, "finance/views/lenders.njk", "Finance: lenders and funds", {
        lenders,
        fictional: lenders.some((lender) => lender.fictional),
      });
    },
  );

  app.get(
    "/finance/projects/:id",
    { schema: { hide: true }, config: readers },
    async (request, reply) => projectPage(request, reply, {}),
  );

  async function projectPage(
    request: FastifyRequest,
    reply: FastifyReply,
    fields: { errors?: { text: string; href: string }[]; form?: Form },
  ): Promise<FastifyReply> {
    const { id } = request.params as { id: string };
    const detail = await projectDetail(database, id, today());
    const user = request.session?.user;
    const scope = user === undefined ? new Set<string>() : await lendersOf(database, user);
    const canManage =
      user !== undefined &&
      (scope === "all" ||
        (user.role === "officer" &&
          (detail.project.lenderId === null || scope.has(detail.project.lenderId))));
    const [appraisal] = appraisePipeline(await listPipeline(database)).filter(
      (item) => item.id === id,
    );
    return page(
      reply,
      request,
      "finance/views/project.njk",
      `${detail.project.name}: promised and delivered`,
      {
        detail,
        appraisal,
        labels: appraisalCriterionLabels,
        grade: riskGrade(detail.project.risk),
        sectorName: sectorNames.get(detail.project.sector),
        canManage,
        moves: statusMoves[detail.project.status],
        today: today(),
        errors: fields.errors ?? [],
        form: fields.form ?? {},
        fictional: detail.project.fictional,
      },
    );
  }

  // The forms of the project page: each acts, then returns to the page (or shows the problem).
  const projectAction = async (
    request: FastifyRequest,
    reply: FastifyReply,
    act: (form: Form) => Promise<unknown>,
    anchor: string,
  ): Promise<FastifyReply> => {
    const form = (request.body ?? {}) as Form;
    try {
      await act(form);
    } catch (error) {
      if (
        error instanceof InputError ||
        error instanceof ConflictError ||
        error instanceof ForbiddenError
      ) {
        reply.code(error instanceof InputError ? 400 : error instanceof ConflictError ? 409 : 403);
        return projectPage(request, reply, {
          errors: [{ text: error.message, href: anchor }],
          form,
        });
      }
      throw error;
    }
    const { id } = request.params as { id: string };
    return reply.redirect(`/finance/projects/${encodeURIComponent(id)}${anchor}`, 303);
  };

  app.post(
    "/finance/projects/:id/status",
    { schema: { hide: true }, config: managers },
    async (request, reply) =>
      projectAction(
        request,
        reply,
        async (form) => {
          const status = form.status as ProjectStatus | undefined;
          if (status === undefined || !(status in statusMoves)) {
            throw new InputError("Choose the project's next status", { field: "status" });
          }
          const note = (form.note ?? "").trim();
          await changeProjectStatus(
            database,
            request.session!.user,
            (request.params as { id: string }).id,
            status,
            note === "" ? undefined : note.slice(0, 500),
          );
        },
        "#status",
      ),
  );

  app.post(
    "/finance/projects/:id/outcomes",
    { schema: { hide: true }, config: managers },
    async (request, reply) =>
      projectAction(
        request,
        reply,
        async (form) => {
          const reportedOn = (form.reportedOn ?? "").trim();
          if (!isIsoDate(reportedOn)) {
            throw new InputError("Enter the date of the report as YYYY-MM-DD", {
              field: "reportedOn",
              value: reportedOn,
            });
          }
          const jobs = optionalNumber(form.jobs);
          const co2Change = optionalNumber(form.co2Change);
          if (jobs !== undefined && !(jobs >= 0)) {
            throw new InputError("Enter the jobs as a number, 0 or more", { field: "jobs" });
          }
          if (co2Change !== undefined && !Number.isFinite(co2Change)) {
            throw new InputError("Enter the CO2 change in tonnes a year as a number", {
              field: "co2Change",
            });
          }
          if (jobs === undefined && co2Change === undefined) {
            throw new InputError("Enter the jobs or the CO2 change the project reports", {
              field: "jobs",
            });
          }
          const note = (form.note ?? "").trim();
          await reportOutcome(
            database,
            request.session!.user,
            (request.params as { id: string }).id,
            {
              reportedOn,
              jobs,
              co2Change,
              note: note === "" ? undefined : note.slice(0, 500),
            },
          );
        },
        "#report",
      ),
  );

  app.post(
    "/finance/projects/:id/loans/:loan/movements",
    { schema: { hide: true }, config: managers },
    async (request, reply) =>
      projectAction(
        request,
        reply,
        async (form) => {
          const { id, loan } = request.params as { id: string; loan: string };
          const detail = await projectDetail(database, id, today());
          if (!detail.loans.some((item) => item.loan.id === loan)) {
            throw new NotFoundError(`Project ${id} has no loan ${loan}.`);
          }
          const kind = form.kind as LoanMovement["kind"] | undefined;
          if (kind !== "disbursement" && kind !== "repayment" && kind !== "write-off") {
            throw new InputError("Choose what happened: paid out, repaid or written off", {
              field: "kind",
            });
          }
          const date = (form.date ?? "").trim();
          if (!isIsoDate(date)) {
            throw new InputError("Enter the date as YYYY-MM-DD", { field: "date", value: date });
          }
          const amountPence = parsePounds(form.amount ?? "");
          if (amountPence === undefined || amountPence <= 0) {
            throw new InputError("Enter an amount in pounds above 0, to the penny at most", {
              field: "amount",
              value: form.amount ?? "",
            });
          }
          await recordLoanMovement(database, request.session!.user, loan, {
            kind,
            date,
            amountPence,
          });
        },
        "#loans",
      ),
  );

  async function latestJobs(): Promise<Map<string, number>> {
    return new Map(
      (
        await database.query<{ project: string; jobs: number }>(
          `select distinct on (project_id) project_id as project, jobs from finance_outcomes
           where jobs is not null order by project_id, reported_on desc, id desc`,
        )
      ).map((row) => [row.project, row.jobs]),
    );
  }
}
