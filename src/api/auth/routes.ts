import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConflictError, InputError } from "../../core/errors.js";
import { roles } from "../../core/vocabulary.js";
import { page } from "../../web/page.js";
import { csrfCookie, sessionCookie } from "../access.js";
import {
  authenticate,
  createUser,
  endSession,
  listUsers,
  minimumPasswordLength,
  sessionHours,
  signInLimit,
  startSession,
  type Session,
} from "./users.js";

const signInBody = z.object({
  email: z.string().max(320).default(""),
  password: z.string().max(1000).default(""),
  next: z.string().max(2000).optional(),
  _csrf: z.string().optional(),
});

const newUserBody = z.object({
  email: z.string().max(320).default(""),
  role: z.string().max(40).default(""),
  password: z.string().max(1000).default(""),
  _csrf: z.string().optional(),
});

const userSchema = z.object({ id: z.number(), email: z.string(), role: z.enum(roles) });

/** Sign-in and sign-out pages, and user administration for admins. */
export async function authRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;

  app.get("/sign-in", { schema: { hide: true } }, async (request, reply) =>
    page(reply, request, "sign-in.njk", "Sign in", {
      next: safeNext((request.query as { next?: string }).next),
    }),
  );

  app.post(
    "/sign-in",
    { schema: { hide: true, body: signInBody }, config: { access: "public" } },
    async (request, reply) => {
      const { email, password } = request.body;
      const next = safeNext(request.body.next);
      const errors: { text: string; href: string }[] = [];
      if (email.trim() === "") errors.push({ text: "Enter your email address", href: "#email" });
      if (password === "") errors.push({ text: "Enter your password", href: "#password" });
      if (errors.length === 0) {
        const result = await authenticate(database, email, password, request.ip);
        if (result.user !== undefined) {
          setSessionCookie(reply, await startSession(database, result.user), app.secureCookies);
          return reply.redirect(next, 303);
        }
        errors.push(
          result.limited
            ? {
                text: `Too many failed attempts. Wait ${signInLimit.windowMinutes} minutes and try again.`,
                href: "#email",
              }
            : { text: "The email address or password is not right", href: "#email" },
        );
        reply.code(result.limited ? 429 : 401);
      } else {
        reply.code(400);
      }
      return page(reply, request, "sign-in.njk", "Sign in", { errors, email, next });
    },
  );

  app.post(
    "/sign-out",
    { schema: { hide: true }, config: { access: "signed-in" } },
    async (request, reply) => {
      if (request.session !== undefined) await endSession(database, request.session.token);
      reply.clearCookie(sessionCookie, { path: "/" });
      return reply.redirect("/", 303);
    },
  );

  app.get(
    "/admin/users",
    { schema: { hide: true }, config: { access: { roles: ["admin"] } } },
    async (request, reply) =>
      page(reply, request, "users.njk", "Users", { users: await listUsers(database), roles }),
  );

  app.post(
    "/admin/users",
    { schema: { hide: true, body: newUserBody }, config: { access: { roles: ["admin"] } } },
    async (request, reply) => {
      try {
        const user = await createUser(database, request.body);
        return page(reply, request, "users.njk", "Users", {
          users: await listUsers(database),
          roles,
          created: user,
        });
      } catch (error) {
        if (!(error instanceof InputError || error instanceof ConflictError)) throw error;
        const field = error instanceof InputError ? (error.location.field ?? "email") : "email";
        return page(reply.code(400), request, "users.njk", "Users", {
          users: await listUsers(database),
          roles,
          errors: [{ text: error.message, href: `#${field}` }],
          values: { email: request.body.email, role: request.body.role },
        });
      }
    },
  );

  app.post(
    "/api/v1/users",
    {
      schema: {
        summary: "Create a user (admin)",
        tags: ["users"],
        security: [{ session: [] }],
        body: newUserBody.omit({ _csrf: true }).extend({
          password: z.string().min(minimumPasswordLength).max(1000),
        }),
        response: { 201: userSchema },
      },
      config: { access: { roles: ["admin"] } },
    },
    async (request, reply) => reply.code(201).send(await createUser(database, request.body)),
  );
}

/** A local path to go to after signing in; anything else (another site) becomes "/". */
/** Signs the browser in: the session cookie set, the anonymous CSRF cookie cleared. */
export function setSessionCookie(reply: FastifyReply, session: Session, secure: boolean): void {
  reply.setCookie(sessionCookie, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: sessionHours * 3600,
  });
  reply.clearCookie(csrfCookie, { path: "/" });
}

function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/";
}
