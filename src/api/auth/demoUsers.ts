import { roles, type Role } from "../../core/vocabulary.js";
import type { Queryable } from "../../store/database.js";
import { generatePassword } from "./passwords.js";
import { createUser } from "./users.js";

/**
 * Creates one demo user per role, with a fresh random password each, when the store has no users
 * yet. The passwords are returned to be shown once; only their hashes are kept.
 */
export async function createDemoUsers(
  database: Queryable,
): Promise<{ email: string; role: Role; password: string }[]> {
  const [row] = await database.query<{ any: boolean }>(
    "select exists (select 1 from users) as any",
  );
  if (row?.any === true) return [];
  const created: { email: string; role: Role; password: string }[] = [];
  for (const role of roles) {
    const email = `${role.replace("_", "-")}@demo.placefirst.invalid`;
    const password = generatePassword();
    await createUser(database, { email, role, password });
    created.push({ email, role, password });
  }
  return created;
}
