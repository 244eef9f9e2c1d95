import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { registerProcurementCommands } from "../procurement/commands.js";
import { registerSkillsCommands } from "../skills/commands.js";
import { registerStrategyCommands } from "../strategy/commands.js";
import { PlacefirstError } from "../core/errors.js";
import { outputFormats } from "../core/formatRows.js";
import { placeKinds, roles } from "../core/vocabulary.js";
import { importKinds } from "../data/importFile.js";
import { tallyMethods } from "../participation/methods/ballots.js";
import type { ImportCommandOptions } from "./commands/importCommand.js";

/** Exit codes: 0 success, 1 bad input (or a refused action), 2 wrong usage. */
export const exitCodes = { ok: 0, badInput: 1, usage: 2 } as const;

const formatOption = (): Option =>
  new Option("--format <format>", "output format").choices(outputFormats).default("table");

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError("expected a whole number from 0 to 65535");
  }
  return number;
}

/** Builds the `placefirst` command line; each command's code is loaded only when it runs. */
export function buildProgram(): Command {
  const program = new Command("placefirst")
    .description(
      "Placefirst: the workbench for place-based industrial strategy.\n\n" +
        "Data live in an embedded PostgreSQL in ./.placefirst (PLACEFIRST_DATA_DIR overrides),\n" +
        "or in a PostgreSQL server when DATABASE_URL is set. The embedded database serves one\n" +
        "process at a time: stop `placefirst serve` before running commands that use it.",
    )
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command("import")
    .description(
      "import a file into the store, in one transaction (all or nothing); the same file twice is a no-op",
    )
    .addArgument(
      new Argument("<kind>", "what the file holds").choices([...importKinds, "ocds", "postcodes"]),
    )
    .argument("<files...>", 'the file to read, or "-" for standard input; ocds takes several files')
    .option("--code-col <name>", "places: the column of codes (default code)")
    .option("--name-col <name>", "places: the column of names (default name)")
    .option("--kind-col <name>", "places: the column of kinds; ONS geographies are understood")
    .addOption(
      new Option(
        "--place-kind <kind>",
        "places: the kind of every row, when there is no column",
      ).choices(placeKinds),
    )
    .option("--parent-col <name>", "places: the column of parent codes (default parent)")
    .option("--population-col <name>", "places: the column of populations (default population)")
    .option("--place-col <name>", "observations, employment: the column of place codes or names")
    .option("--indicator-col <name>", "observations: the column of indicator ids or names")
    .option("--industry-col <name>", "employment: the column of SIC codes, nomis labels or names")
    .option("--value-col <name>", "observations, employment: the column of values")
    .option("--period-col <name>", "observations, employment: the column of periods")
    .option(
      "--period <period>",
      "observations, employment: the period of every row, when there is no column",
    )
    .option(
      "--skip-unknown-places",
      "observations, employment: skip rows for places not stored (with a warning) instead of stopping",
    )
    .option("--source <text>", "where the data come from, kept as provenance")
    .option("--licence <text>", "the data's licence, kept as provenance")
    .option("--id <id>", "hexjson/geojson: the layout id (default: the file name)")
    .option("--name <name>", "hexjson/geojson: the layout name shown on maps")
    .option("--code-property <name>", "geojson: the feature property holding the place code")
    .addOption(
      new Option("--format <format>", "summary format").choices(["json", "table"]).default("table"),
    )
    .addHelpText(
      "after",
      `
Kinds and their columns (header names are matched case-insensitively):
  places        code,name,kind,parent[,population]   kind: ${placeKinds.join(", ")}
  indicators    id,name[,goal,unit,polarity,source,licence]   polarity: 1, -1 or 0
  observations  place,indicator,period,value[,lower,upper,status,note]
  employment    place,industry,employment[,period]   or map them with --place-col etc.
  industry-attributes  industry[,median_pay,non_graduate_share,growth,emissions_intensity]
  hexjson       a HexJSON hex cartogram (Open Data Institute format)
  geojson       a FeatureCollection of Polygon/MultiPolygon boundaries
  ocds          Open Contracting Data Standard 1.1: release or record packages, single releases
                or records, JSON lines, gzipped or not (as Contracts Finder and Find a Tender
                publish them); invalid releases are reported by ocid and field, and skipped
  postcodes     a postcode directory: the ONS Postcode Directory (ONSPD) or the National
                Statistics Postcode Lookup (NSPL), the CSV in the Data folder of the zip the
                ONS Open Geography Portal (https://geoportal.statistics.gov.uk) publishes under
                the Open Government Licence; columns pcds, doterm, oslaua (NSPL: laua; since
                2025: ladYYcd), lat, long. Stores each postcode outward code's district and
                centroid, replacing those stored; districts not stored as places are left out

Examples:
  placefirst import places places.csv
  placefirst import places ons_codes.csv --code-col AREACD --name-col AREANM --kind-col Geography
  placefirst import observations obs.csv --source "ONS" --licence "OGL-UK-3.0"
  placefirst import employment bres.csv --place-col "geography code" --industry-col industry --value-col value
  placefirst import ocds notices-2025-*.jsonl.gz
  placefirst import postcodes ONSPD_MAY_2022_UK.csv --source "ONS Postcode Directory, May 2022"`,
    )
    .action(async (kind: string, files: string[], options: ImportCommandOptions) => {
      if (kind === "ocds") {
        const { runOcdsImport } = await import("../procurement/cli.js");
        await runOcdsImport(files, options);
        return;
      }
      if (files.length !== 1) {
        const message = `import ${kind} takes one file; ${files.length} were given`;
        process.stderr.write(`placefirst: ${message}\n`);
        throw new CommanderError(exitCodes.usage, "placefirst.usage", message);
      }
      if (kind === "postcodes") {
        const { runPostcodeImport } = await import("../procurement/postcodeDirectoryCommand.js");
        await runPostcodeImport(files[0]!, options);
        return;
      }
      const { runImport } = await import("./commands/importCommand.js");
      await runImport(kind, files[0]!, options);
    });

  program
    .command("places")
    .description("list the stored places")
    .addOption(new Option("--kind <kind>", "only places of this kind").choices(placeKinds))
    .option("--parent <code>", "only the places within this one")
    .addOption(formatOption())
    .action(async (options) => {
      const { runPlaces } = await import("./commands/listCommands.js");
      await runPlaces(options);
    });

  program
    .command("indicators")
    .description("list the stored indicators")
    .addOption(formatOption())
    .action(async (options) => {
      const { runIndicators } = await import("./commands/listCommands.js");
      await runIndicators(options);
    });

  program
    .command("observations")
    .description("list the observations of a place")
    .requiredOption("--place <code>", "the place's code")
    .option("--indicator <id>", "only this indicator")
    .addOption(formatOption())
    .action(async (options) => {
      const { runObservations } = await import("./commands/listCommands.js");
      await runObservations(options);
    });

  program
    .command("employment")
    .description("list employment by industry for a place")
    .requiredOption("--place <code>", "the place's code")
    .option("--period <period>", "only this period")
    .addOption(formatOption())
    .action(async (options) => {
      const { runEmployment } = await import("./commands/listCommands.js");
      await runEmployment(options);
    });

  program
    .command("scorecard")
    .description("score places on a framework's goals: composite indices, ranks, left-behind flags")
    .option(
      "--data <file>",
      "a tidy observations CSV (place,indicator,period,value); default: the store",
    )
    .option(
      "--framework <file>",
      'a framework file (JSON or YAML), or a shipped one: "demo" (default) or "uk-local-authorities"',
    )
    .option("--weights <file>", 'a priority weight set: { "goal_or_indicator_id": weight }')
    .option(
      "--uncertainty <n>",
      "Monte Carlo replications for rank intervals and sensitivity",
      positiveCount,
    )
    .option(
      "--seed <n>",
      "the seed of the Monte Carlo draws",
      (value) => positiveIntegerSeed(value),
      1,
    )
    .option("--place <code>", "show only this place")
    .addOption(formatOption())
    .addHelpText(
      "after",
      `
The framework names goals (which may hold sub-goals), their indicators with polarity and weight,
and the method: normalisation (minMax, zScore, rank, distanceToReference, distanceToTarget,
goalposts), aggregation (arithmetic, geometric, mazziottaPareto) and imputation (none, mean,
median). See docs/methods/composite-index.md.

Examples:
  placefirst scorecard --format table
  placefirst scorecard --framework my-framework.json --weights board-priorities.json --uncertainty 10000 --seed 1
  placefirst scorecard --data obs.csv --framework uk-local-authorities --format csv`,
    )
    .action(async (options) => {
      const { runScorecard } = await import("../scorecard/cli.js");
      await runScorecard(options);
    });

  const columnOptions = (command: Command): Command =>
    command
      .option("--place-col <name>", "the column of place codes (default place)")
      .option("--industry-col <name>", "the column of industry codes (default industry)")
      .option("--value-col <name>", "the column of employee counts (default employment)")
      .option(
        "--period <period>",
        "only the rows of this period (from a period, date or year column)",
      )
      .addOption(formatOption());

  columnOptions(
    program
      .command("complexity")
      .description(
        "economic complexity of a place x industry employment file: ECI, PCI, density, COG",
      )
      .argument("<file>", "an employment CSV: place,industry,employment")
      .option(
        "--threshold <rca>",
        "the RCA at or above which an industry counts as present",
        positiveNumber,
        1,
      )
      .option(
        "--density",
        "add density, RCA and complexity outlook gain for every place and industry",
      ),
  ).action(async (file: string, options) => {
    const { runComplexity } = await import("../profile/cli.js");
    await runComplexity(file, options);
  });

  columnOptions(
    program
      .command("lq")
      .description("location quotients of every place and industry against the file's total")
      .argument("<file>", "an employment CSV: place,industry,employment"),
  ).action(async (file: string, options) => {
    const { runLocationQuotients } = await import("../profile/cli.js");
    await runLocationQuotients(file, options);
  });

  columnOptions(
    program
      .command("shift-share")
      .description(
        "split each place's change in employment into national share, industry mix and local share",
      )
      .requiredOption("--from <file>", "employment at the start (place,industry,employment)")
      .requiredOption("--to <file>", "employment at the end")
      .option("--place <code>", "only this place")
      .option(
        "--esteban-marquillas",
        "split the local share into competitive and allocation effects",
      ),
  ).action(async (options) => {
    const { runShiftShare } = await import("../profile/cli.js");
    await runShiftShare(options);
  });

  columnOptions(
    program
      .command("opportunities")
      .description("rank the industries a place could grow into, by feasibility and attractiveness")
      .argument("<file>", "an employment CSV of the place and the places it is compared with")
      .requiredOption("--place <code>", "the place")
      .option(
        "--weights <file>",
        'a priority weight set, such as { "pay": 2, "emissions": 1, "skillsAccess": 2 }',
      )
      .option(
        "--attributes <file>",
        "industry attributes: industry,median_pay,non_graduate_share,growth,emissions_intensity",
      ),
  ).action(async (file: string, options) => {
    const { runOpportunities } = await import("../profile/cli.js");
    await runOpportunities(file, options);
  });

  program
    .command("appraise")
    .description(
      "appraise a pipeline of projects: a score from jobs, skills, pay, CO2, local spend, opportunity and deprivation, each part explained",
    )
    .argument(
      "<file>",
      "projects CSV: id,place,sector,amount,jobs,jobs_no_degree,co2_change,local_spend_share,risk,left_behind",
    )
    .option(
      "--weights <file>",
      'a priority weight set, such as { "jobsPerPound": 2, "deprivation": 2, "co2PerPound": 1 }',
    )
    .option(
      "--elasticity <e>",
      "the Green Book elasticity of marginal utility of income (default 1.3)",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(outputFormats).default("table"),
    )
    .addHelpText(
      "after",
      `
Amounts are in pounds; co2_change in tonnes a year (negative is a reduction); left_behind is 0
or 1. Optional columns fill more criteria: pay and local_median_pay, opportunity_score (0-100)
or opportunity_rank (1 best), deprivation (higher is more deprived), income (median income where
the benefits land), jobs_safeguarded, lifetime_years. Criteria: jobsPerPound, jobsNoDegree,
payAboveMedian, co2PerPound, localSpend, opportunityAlignment, deprivation. See
docs/methods/appraisal.md.`,
    )
    .action(async (file: string, options) => {
      const { runAppraise } = await import("../finance/cli.js");
      await runAppraise(file, options);
    });

  program
    .command("portfolio")
    .description(
      "choose the projects to fund within a budget, exactly (a mixed-integer programme), with a fair share for left-behind places",
    )
    .argument("<file>", "projects CSV, as for appraise; a score column is taken as the impact")
    .requiredOption("--budget <pounds>", "the money to spend, in pounds")
    .option(
      "--min-share-left-behind <share>",
      "the least share of the money in left-behind places (0 to 1)",
    )
    .option(
      "--min-job-share-left-behind <share>",
      "the least share of the jobs in left-behind places",
    )
    .option("--max-share-place <share>", "the most share of the money in any one place")
    .option("--max-share-sector <share>", "the most share of the money in any one sector")
    .option("--max-mean-risk <risk>", "the most money-weighted mean risk of default")
    .option(
      "--weights <file>",
      "a priority weight set for the appraisal, when the file has no score",
    )
    .option("--elasticity <e>", "the Green Book elasticity for the appraisal (default 1.3)")
    .addOption(
      new Option("--format <format>", "output format").choices(outputFormats).default("table"),
    )
    .addHelpText(
      "after",
      `
Shares are of the money the portfolio spends. The JSON output is { "selected", "objective",
"spent", "shareLeftBehind", "binding", "costOfFairness", "costs", "greedy": { "objective", … } }:
binding names each constraint that costs impact, costs says how much (by solving again
without it), and greedy is the ranking by score per pound for comparison. A column divisible
(1) lets a project be part-funded. Constraints that cannot hold together are named.
See docs/methods/portfolio.md.

Example:
  placefirst portfolio projects.csv --budget 25000000 --min-share-left-behind 0.4 --max-share-place 0.3 --format json`,
    )
    .action(async (file: string, options) => {
      const { runPortfolio } = await import("../finance/cli.js");
      await runPortfolio(file, options);
    });

  const pipeline = program
    .command("pipeline")
    .description("the pipeline of projects that development banks appraise and fund");
  pipeline
    .command("import")
    .description(
      "store a pipeline CSV (as for appraise), all or nothing; projects with the same id are replaced",
    )
    .argument(
      "<file>",
      "projects CSV: id,place,sector,amount,jobs,… and optionally name,applicant,neighbourhood,fund,instrument,co_finance,start_date,end_date,jobs_safeguarded (places and funds must be stored)",
    )
    .action(async (file: string) => {
      const { runPipelineImport } = await import("../finance/cli.js");
      await runPipelineImport(file);
    });
  pipeline
    .command("list")
    .description("list the stored pipeline")
    .addOption(formatOption())
    .action(async (options) => {
      const { runPipelineList } = await import("../finance/cli.js");
      await runPipelineList(options);
    });

  program
    .command("ocds")
    .description("Open Contracting Data Standard tools that do not touch the store")
    .command("compile")
    .description(
      "print the compiled release of each ocid in the files, merged by the OCDS 1.1 merge rules, as a JSON array",
    )
    .argument("<files...>", "OCDS files: packages, releases, records or JSON lines, gzipped or not")
    .addOption(formatOption().default("json"))
    .action(async (files: string[], options) => {
      const { runOcdsCompile } = await import("../procurement/cli.js");
      await runOcdsCompile(files, options);
    });

  program
    .command("spend")
    .description(
      "the share of public money awarded that goes to SMEs, and to suppliers in a place and its region, by year",
    )
    .option(
      "--place <code>",
      "a district: its shares by year (JSON: also by buyer and CPV division); without it, every district's local share",
    )
    .addOption(formatOption())
    .addHelpText(
      "after",
      `
Shares are of the awarded value (pounds sterling) whose supplier's size or place is known; the
rest is reported beside them in JSON. A supplier's size and district come from the register,
else from the buyer's OCDS data (scale, postcode). See docs/methods/local-spend.md.

Examples:
  placefirst spend --format json
  placefirst spend --place X08000003 --format table`,
    )
    .action(async (options) => {
      const { runSpend } = await import("../procurement/cli.js");
      await runSpend(options);
    });

  const suppliers = program
    .command("suppliers")
    .description("the register of suppliers: local SMEs and what they can supply");
  suppliers
    .command("import")
    .description(
      "store a supplier register CSV, all or nothing; suppliers with the same id are replaced",
    )
    .argument(
      "<file>",
      "CSV: id,name,place,cpv and optionally postcode,latitude,longitude,size,employees,turnover,capacity,accreditations (money in pounds; CPV codes separated by spaces or semicolons)",
    )
    .action(async (file: string) => {
      const { runSuppliersImport } = await import("../procurement/cli.js");
      await runSuppliersImport(file);
    });
  suppliers
    .command("list")
    .description("list the register")
    .option("--place <code>", "only the suppliers in this district")
    .addOption(formatOption())
    .action(async (options) => {
      const { runSuppliersList } = await import("../procurement/cli.js");
      await runSuppliersList(options);
    });

  const lenders = program
    .command("lenders")
    .description("development banks and community lenders, their funds and their officers");
  lenders
    .command("list")
    .description(
      "list each lender's funds: budget, committed, instruments, mandate and the floor for marginalised places",
    )
    .addOption(formatOption())
    .action(async (options) => {
      const { runLendersList } = await import("../finance/cli.js");
      await runLendersList(options);
    });
  lenders
    .command("add-officer")
    .description("make an officer (an existing user) one of a lender's officers")
    .requiredOption("--lender <id>", "the lender's id (see placefirst lenders list)")
    .requiredOption("--email <address>", "the officer's e-mail address")
    .action(async (options: { lender: string; email: string }) => {
      const { runLendersAddOfficer } = await import("../finance/cli.js");
      await runLendersAddOfficer(options);
    });

  program
    .command("loans")
    .description("development loans")
    .command("schedule")
    .description(
      "a loan's repayment schedule, exact to the penny (payments add up to principal plus interest)",
    )
    .requiredOption(
      "--principal <pounds>",
      "the amount lent, in pounds (such as 100000 or 1,250.50)",
    )
    .requiredOption("--rate-bps <n>", "the annual interest rate in basis points (450 is 4.5%)")
    .requiredOption("--months <n>", "the term in months (1 to 600)")
    .addOption(
      new Option(
        "--type <type>",
        "annuity (level payments) or bullet (interest, then the principal at the end)",
      )
        .choices(["annuity", "bullet"])
        .default("annuity"),
    )
    .option(
      "--start <date>",
      "the date the loan is drawn, YYYY-MM-DD (default today); payments fall monthly from it",
    )
    .addOption(
      new Option("--day-count <rule>", "how interest counts days").choices([
        "30/360",
        "actual/365",
      ]),
    )
    .addOption(
      new Option("--format <format>", "output format").choices(outputFormats).default("table"),
    )
    .addHelpText(
      "after",
      `
Interest each month is opening balance x rate x days / basis, rounded half up to the penny; the
annuity payment is P r / (1 - (1 + r)^-n) rounded to the penny, and the last payment clears the
balance exactly. See docs/methods/loans.md.

Example:
  placefirst loans schedule --principal 100000 --rate-bps 450 --months 60 --type annuity`,
    )
    .action(async (options) => {
      const { runLoanSchedule } = await import("../finance/cli.js");
      await runLoanSchedule(options);
    });

  program
    .command("tally")
    .description("count a ballots CSV by a voting method and print the result")
    .argument("<file>", "the ballots CSV (see below for each method's format)")
    .addOption(
      new Option("--method <method>", "how to count").choices(tallyMethods).makeOptionMandatory(),
    )
    .option("--budget <n>", "points: the points each ballot splits; equal-shares: the money")
    .option("--costs <file>", "equal-shares: a CSV of project,cost")
    .option(
      "--grades <list>",
      'majority-judgement: the grades, worst first (default "Reject,Poor,Acceptable,Good,Very good,Excellent")',
    )
    .option(
      "--tie-break <list>",
      "the options in the order that breaks ties (default: alphabetical)",
    )
    .option("--options <list>", "the options, when some are on no ballot (default: those named)")
    .addOption(
      new Option("--format <format>", "output format").choices(outputFormats).default("json"),
    )
    .addHelpText(
      "after",
      `
Ballot files (a header, then one row per ballot or per group of identical ballots):
  schulze, ranked-pairs, irv, borda   count,ranking      5,A>C>B=D  (> between ranks, = within one;
                                                         options left off rank last, equal)
  approval, equal-shares              count,approved     3,A;C
  points                              count,<option>...  1,50,30,20
  majority-judgement                  count,<option>...  2,Good,Poor,Excellent  (or grade numbers, 0 the worst)

Ties are broken by the tie-break order and reported in "ties". The JSON output is
{ "method", "winner", "ranking", "ties", "details" }; details hold the pairwise matrix and
strongest paths (schulze), the rounds (irv), the scores (borda), the totals (points, approval),
each option's majority grade (majority-judgement), and the projects funded (equal-shares).

Examples:
  placefirst tally ballots.csv --method schulze
  placefirst tally approvals.csv --method equal-shares --budget 500000 --costs costs.csv`,
    )
    .action(async (file: string, options) => {
      const { runTallyCommand } = await import("../participation/cli.js");
      await runTallyCommand(file, options);
    });

  program
    .command("demo")
    .description(
      "load the fictional demo region into the current database (replacing an earlier copy)",
    )
    .option("--seed <n>", "the generator's seed", (value) => positiveIntegerSeed(value), 20261128)
    .action(async (options: { seed: number }) => {
      const { runDemo } = await import("./commands/demoCommand.js");
      await runDemo(options);
    });

  program
    .command("serve")
    .description("serve the web pages and the API (http://localhost:3000 by default)")
    .option("--port <n>", "the port (default PORT or 3000)", positiveInteger)
    .option("--host <host>", "the address to listen on (default HOST or 0.0.0.0)")
    .option("--demo-if-empty", "load the demo region and demo users when the database is empty")
    .action(async (options) => {
      const { runServe } = await import("./commands/serveCommand.js");
      await runServe(options);
    });

  const db = program.command("db").description("database maintenance");
  db.command("migrate")
    .description("create the database or bring its schema up to date")
    .action(async () => {
      const { runMigrate } = await import("./commands/dbCommand.js");
      await runMigrate();
    });

  const weights = program
    .command("weights")
    .description("priority weight sets made by participation consultations");
  weights
    .command("list")
    .description("list the weight sets, every version")
    .addOption(formatOption())
    .action(async (options) => {
      const { runWeightsList } = await import("../participation/cli.js");
      await runWeightsList(options);
    });
  weights
    .command("export")
    .description("print a weight set as the JSON file that --weights options take")
    .argument("<name>", "the weight set's name")
    .option("--version <n>", "a version (default: the latest)")
    .option("--provenance", "wrap the weights with their name, version and provenance")
    .action(async (name: string, options) => {
      const { runWeightsExport } = await import("../participation/cli.js");
      await runWeightsExport(name, options);
    });

  program
    .command("audit")
    .description(
      "verify a consultation's hash-chained audit log (exit 1 when an entry was altered, removed or inserted)",
    )
    .argument("[consultation]", "the consultation's number, to verify the log in the store")
    .option(
      "--file <file>",
      "verify a log downloaded from /api/v1/consultations/{id}/audit instead",
    )
    .option("--head <hash>", "with --file: the head published with the result")
    .action(async (consultation: string | undefined, options) => {
      const { runAuditVerify } = await import("../participation/cli.js");
      await runAuditVerify(consultation, options);
    });

  const users = program.command("users").description("user accounts");
  users
    .command("add")
    .description(
      "add a user; the password is read from PLACEFIRST_PASSWORD or generated and printed once",
    )
    .requiredOption("--email <email>", "the user's email address")
    .addOption(new Option("--role <role>", "the user's role").choices(roles).makeOptionMandatory())
    .action(async (options: { email: string; role: string }) => {
      const { runUsersAdd } = await import("./commands/usersCommand.js");
      await runUsersAdd(options);
    });
  users
    .command("list")
    .description("list the users")
    .addOption(formatOption())
    .action(async (options) => {
      const { runUsersList } = await import("./commands/usersCommand.js");
      await runUsersList(options);
    });

  registerProcurementCommands(program);
  registerSkillsCommands(program);
  registerStrategyCommands(program);
  return program;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError("expected a number above 0");
  return number;
}

function positiveCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 10_000_000) {
    throw new InvalidArgumentError("expected a whole number from 1 to 10,000,000");
  }
  return number;
}

function positiveIntegerSeed(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new InvalidArgumentError("expected a whole number of 0 or more");
  }
  return number;
}

/** Runs the command line and maps every error to its exit code in one place. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  for (const command of program.commands) exitOverrideAll(command);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      ) {
        return exitCodes.ok;
      }
      return exitCodes.usage;
    }
    if (error instanceof PlacefirstError) {
      process.stderr.write(`placefirst: ${error.message}\n`);
      return exitCodes.badInput;
    }
    process.stderr.write(`placefirst: ${(error as Error).message ?? String(error)}\n`);
    if (process.env.PLACEFIRST_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return exitCodes.badInput;
  }
}

function exitOverrideAll(command: Command): void {
  command.exitOverride();
  for (const child of command.commands) exitOverrideAll(child);
}
