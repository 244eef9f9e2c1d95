import { createHash, randomBytes } from "node:crypto";
import { ConflictError, InputError } from "../../core/errors.js";
import { roles, type Role } from "../../core/vocabulary.js";
import type { Queryable } from "../../store/database.js";
import { hashPassword, verifyPassword } from "./passwords.js";

/** A user as the rest of the application sees it (never the password hash). */
export interface User {
  id: number;
  email: string;
  role: Role;
}

/** The shortest password accepted. NCSC guidance favours length over composition rules. */
export const minimumPasswordLength = 12;

/** Creates a user; throws {@link InputError} for a bad email, role or short password. */
export async function createUser(
  database: Queryable,
  input: { email: string; role: string; password: string },
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new InputError("expected an email address such as name@example.org", {
      field: "email",
      value: input.email,
    });
  }
  if (!(roles as readonly string[]).includes(input.role)) {
    throw new InputError(`expected a role: ${roles.join(", ")}`, {
      field: "role",
      value: input.role,
    });
  }
  if (input.password.length < minimumPasswordLength) {
    throw new InputError(`the password must have at least ${minimumPasswordLength} characters`, {
      field: "password",
    });
  }
  const passwordHash = await hashPassword(input.password);
  const [user] = await database.query<User>(
    `insert into users (email, password_hash, role) values ($1, $2, $3)
     on conflict (email) do nothing returning id, email, role`,
    [email, passwordHash, input.role],
  );
  if (user === undefined) throw new ConflictError(`A user with the email ${email} already exists.`);
  return user;
}

/** The users, by email. */
export async function listUsers(database: Queryable): Promise<User[]> {
  return database.query<User>("select id, email, role from users order by email");
}

/** How many failed sign-ins, per email or per address, are allowed in the window. */
export const signInLimit = { attempts: 5, windowMinutes: 15 } as const;

/**
 * Checks an email and password. Failed attempts are counted in the database, so the limit holds
 * across several servers: after {@link signInLimit} failures for an email or from an address in
 * the window, sign-in is refused without checking the password.
 */
export async function authenticate(
  database: Queryable,
  email: string,
  password: string,
  address: string,
): Promise<{ user?: User; limited: boolean }> {
  const normalised = email.trim().toLowerCase();
  const [recent] = await database.query<{ byEmail: number; byAddress: number }>(
    `select count(*) filter (where email = $1)::int as "byEmail",
            count(*) filter (where address = $2)::int as "byAddress"
     from sign_in_attempts
     where not succeeded and attempted_at > now() - make_interval(mins => $3)`,
    [normalised, address, signInLimit.windowMinutes],
  );
  if (
    (recent?.byEmail ?? 0) >= signInLimit.attempts ||
    (recent?.byAddress ?? 0) >= signInLimit.attempts * 4
  ) {
    return { limited: true };
  }
  const [row] = await database.query<User & { passwordHash: string }>(
    `select id, email, role, password_hash as "passwordHash" from users where email = $1`,
    [normalised],
  );
  // Hash even for an unknown email, so the time taken does not reveal which emails exist.
  const valid = await verifyPassword(password, row?.passwordHash ?? dummyHash);
  const succeeded = row !== undefined && valid;
  await database.query(
    "insert into sign_in_attempts (email, address, succeeded) values ($1, $2, $3)",
    [normalised, address, succeeded],
  );
  if (!succeeded) return { limited: false };
  return { user: { id: row.id, email: row.email, role: row.role }, limited: false };
}

const dummyHash =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** How long a session lasts without activity being required. */
export const sessionHours = 12;

/** A signed-in session: the token for the cookie and the CSRF token for forms. */
export interface Session {
  token: string;
  csrfToken: string;
  user: User;
}

/** Starts a session; only a hash of the token is stored, so a database leak reveals no session. */
export async function startSession(database: Queryable, user: User): Promise<Session> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  await database.query(
    `insert into sessions (token_hash, user_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + make_interval(hours => $4))`,
    [hashToken(token), user.id, csrfToken, sessionHours],
  );
  return { token, csrfToken, user };
}

/** The live session for a cookie token, or undefined. */
export async function findSession(
  database: Queryable,
  token: string,
): Promise<Session | undefined> {
  const [row] = await database.query<{ id: number; email: string; role: Role; csrfToken: string }>(
    `select u.id, u.email, u.role, s.csrf_token as "csrfToken"
     from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > now()`,
    [hashToken(token)],
  );
  if (row === undefined) return undefined;
  return {
    token,
    csrfToken: row.csrfToken,
    user: { id: row.id, email: row.email, role: row.role },
  };
}

/** Ends a session. */
export async function endSession(database: Queryable, token: string): Promise<void> {
  await database.query("delete from sessions where token_hash = $1", [hashToken(token)]);
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
