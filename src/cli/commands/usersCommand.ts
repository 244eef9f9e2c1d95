import { createUser, listUsers } from "../../api/auth/users.js";
import { generatePassword } from "../../api/auth/passwords.js";
import { formatRows, type OutputFormat } from "../../core/formatRows.js";
import { withDatabase } from "../withDatabase.js";

/**
 * `placefirst users add`: the password comes from PLACEFIRST_PASSWORD (so it never appears in
 * the shell history) or is generated and printed once.
 */
export async function runUsersAdd(options: { email: string; role: string }): Promise<void> {
  const given = process.env.PLACEFIRST_PASSWORD;
  const password = given !== undefined && given !== "" ? given : generatePassword();
  const user = await withDatabase("placefirst users add", (database) =>
    createUser(database, { email: options.email, role: options.role, password }),
  );
  process.stdout.write(`Added ${user.email} as ${user.role}.\n`);
  if (given === undefined || given === "") {
    process.stdout.write(
      `Password (shown once; give it to the user through a safe channel): ${password}\n`,
    );
  }
}

/** `placefirst users list`. */
export async function runUsersList(options: { format: OutputFormat }): Promise<void> {
  const users = await withDatabase("placefirst users list", (database) => listUsers(database));
  process.stdout.write(
    formatRows(users, [{ key: "id" }, { key: "email" }, { key: "role" }], options.format),
  );
}
