import { readFile } from "node:fs/promises";
import { NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import { frameworkSchema, parseFramework, type Framework } from "./framework.js";

/** A framework as stored: its id, name and definition. */
export interface StoredFramework {
  id: string;
  name: string;
  definition: Framework;
  updatedAt: Date;
}

/** The stored frameworks, by name. */
export async function listFrameworks(database: Queryable): Promise<StoredFramework[]> {
  const rows = await database.query<StoredFramework>(
    `select id, name, definition, updated_at as "updatedAt" from frameworks order by name`,
  );
  return rows.map((row) => ({ ...row, definition: frameworkSchema.parse(row.definition) }));
}

/** One stored framework; throws {@link NotFoundError} when there is none with the id. */
export async function getFramework(database: Queryable, id: string): Promise<StoredFramework> {
  const [row] = await database.query<StoredFramework>(
    `select id, name, definition, updated_at as "updatedAt" from frameworks where id = $1`,
    [id],
  );
  if (row === undefined) throw new NotFoundError(`No framework has the id ${id}.`);
  return { ...row, definition: frameworkSchema.parse(row.definition) };
}

/** Stores a framework under an id, replacing one with the same id. */
export async function saveFramework(
  database: Queryable,
  id: string,
  framework: Framework,
  userId: number | null,
): Promise<StoredFramework> {
  await database.query(
    `insert into frameworks (id, name, definition, updated_by) values ($1, $2, $3::jsonb, $4)
     on conflict (id) do update set name = excluded.name, definition = excluded.definition,
       updated_by = excluded.updated_by, updated_at = now()`,
    [id, framework.name, JSON.stringify(framework), userId],
  );
  return getFramework(database, id);
}

/** Deletes a stored framework; throws {@link NotFoundError} when there is none with the id. */
export async function deleteFramework(database: Queryable, id: string): Promise<void> {
  const rows = await database.query("delete from frameworks where id = $1 returning id", [id]);
  if (rows.length === 0) throw new NotFoundError(`No framework has the id ${id}.`);
}

/** Stores a shipped framework file under an id unless that id is taken (for the demo). */
export async function seedFramework(database: Queryable, id: string, path: string): Promise<void> {
  const framework = parseFramework(await readFile(path, "utf8"), path);
  await database.query(
    `insert into frameworks (id, name, definition) values ($1, $2, $3::jsonb) on conflict (id) do nothing`,
    [id, framework.name, JSON.stringify(framework)],
  );
}
