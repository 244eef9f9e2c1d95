import type { Queryable } from "../store/database.js";
import type { ProjectStatus } from "./methods/projectLifecycle.js";

/**
 * Sets a project's status and logs the move (no checks: the caller has made them), at `at` (an
 * ISO date or timestamp; default now: only the demo dates its history in the past).
 */
export async function setStatus(
  transaction: Queryable,
  id: string,
  from: ProjectStatus | null,
  to: ProjectStatus,
  userId: number | null,
  note: string | null,
  at?: string,
): Promise<void> {
  await transaction.query(
    "update finance_projects set status = $2, updated_at = now() where id = $1",
    [id, to],
  );
  await transaction.query(
    `insert into finance_project_events (project_id, from_status, to_status, user_id, note, at)
     values ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()))`,
    [id, from, to, userId, note, at ?? null],
  );
}
