import { InputError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import type { PipelineProject } from "./projectsFile.js";

/** A stored project of the pipeline. */
export interface StoredProject extends Omit<PipelineProject, "line" | "score"> {
  name: string;
  placeName: string;
  status: string;
  fictional: boolean;
}

/**
 * Stores a pipeline, adding new projects and replacing those with the same ids, in the caller's
 * transaction: every place must be stored (the first unknown one is named with its line).
 */
export async function savePipeline(
  transaction: Queryable,
  projects: readonly (PipelineProject & { name?: string })[],
  options: { file?: string; fictional?: boolean } = {},
): Promise<number> {
  const codes = [...new Set(projects.map((project) => project.place))];
  const known = new Set(
    (
      await transaction.query<{ code: string }>(
        "select code from places where code = any($1::text[])",
        [codes],
      )
    ).map((row) => row.code),
  );
  const unknown = projects.find((project) => !known.has(project.place));
  if (unknown !== undefined) {
    throw new InputError("no stored place has this code; import the places first", {
      ...(options.file === undefined ? {} : { file: options.file }),
      line: unknown.line,
      field: "place",
      value: unknown.place,
    });
  }
  for (const project of projects) {
    await transaction.query(
      `insert into finance_projects (id, name, place_code, sector, amount, jobs, jobs_no_degree,
         co2_change, local_spend_share, risk, left_behind, extra, fictional)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
       on conflict (id) do update set name = excluded.name, place_code = excluded.place_code,
         sector = excluded.sector, amount = excluded.amount, jobs = excluded.jobs,
         jobs_no_degree = excluded.jobs_no_degree, co2_change = excluded.co2_change,
         local_spend_share = excluded.local_spend_share, risk = excluded.risk,
         left_behind = excluded.left_behind, extra = excluded.extra,
         fictional = excluded.fictional, updated_at = now()`,
      [
        project.id,
        project.name ?? project.id,
        project.place,
        project.sector,
        project.amount,
        project.jobs,
        project.jobsNoDegree,
        project.co2Change,
        project.localSpendShare,
        project.risk,
        project.leftBehind,
        JSON.stringify(project.extra),
        options.fictional ?? false,
      ],
    );
  }
  return projects.length;
}

/** The stored pipeline, by id. */
export async function listPipeline(database: Queryable): Promise<StoredProject[]> {
  return database.query<StoredProject>(
    `select f.id, f.name, f.place_code as place, p.name as "placeName", f.sector, f.amount,
       f.jobs, f.jobs_no_degree as "jobsNoDegree", f.co2_change as "co2Change",
       f.local_spend_share as "localSpendShare", f.risk, f.left_behind as "leftBehind",
       f.extra, f.status, f.fictional
     from finance_projects f join places p on p.code = f.place_code order by f.id`,
  );
}
