import { randomBytes, timingSafeEqual } from "node:crypto";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  PlacefirstError,
  UnauthorisedError,
} from "../core/errors.js";
import { dataPages } from "../data/pages.js";
import { dataRoutes } from "../data/routes.js";
import { profilePages } from "../profile/pages.js";
import { financePages } from "../finance/pages.js";
import { financeRoutes } from "../finance/routes.js";
import { procurementLotsPages } from "../procurement/lotsPages.js";
import { procurementPages } from "../procurement/pages.js";
import { procurementSharedPages } from "../procurement/sharedPages.js";
import { procurementSupplierPages } from "../procurement/supplierPages.js";
import { procurementRoutes } from "../procurement/routes.js";
import { participationPages } from "../participation/pages.js";
import { participationRoutes } from "../participation/routes.js";
import { profileRoutes } from "../profile/routes.js";
import { frameworkPages } from "../scorecard/frameworkPages.js";
import { scorecardPages } from "../scorecard/pages.js";
import { scorecardRoutes } from "../scorecard/routes.js";
import { skillsPages } from "../skills/pages.js";
import { skillsRoutes } from "../skills/routes.js";
import { strategyPages } from "../strategy/pages.js";
import { strategyRoutes } from "../strategy/routes.js";
import type { Database } from "../store/database.js";
import { govukFrontendDist, staticDir } from "../web/paths.js";
import { renderPage } from "../web/render.js";
import {
  csrfCookie,
  refusal,
  sendRefusal,
  sessionCookie,
  wantsHtml,
  type Access,
} from "./access.js";
import { authRoutes } from "./auth/routes.js";
import { findSession } from "./auth/users.js";

/** Options for {@link buildApp}. */
export interface AppOptions {
  database: Database;
  /** Log requests (pino) to stdout; default false. */
  logger?: boolean;
  /**
   * Mark cookies `Secure` (HTTPS only). Default true when NODE_ENV is "production"; plain HTTP on
   * localhost needs it off.
   */
  secureCookies?: boolean;
}

/** A route as registered, with who may use it: for the role tests and the docs. */
export interface RouteSummary {
  method: string;
  url: string;
  access: Access | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    secureCookies: boolean;
    /** Every route registered, with its access rule. */
    routeTable: RouteSummary[];
  }
  interface FastifyRequest {
    /** The token every form must send back: the session's, or the anonymous cookie's. */
    csrfToken: string;
  }
}

/**
 * Builds the HTTP application: pages, the JSON API under /api/v1 with its OpenAPI document, the
 * static assets, sessions, role checks and CSRF protection. Only `server.ts` listens; tests call
 * `app.inject()`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === true,
    bodyLimit: 200 * 1024 * 1024,
    trustProxy: true,
  });
  app.decorate("database", options.database);
  const routeTable: RouteSummary[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });
  app.decorate("secureCookies", options.secureCookies ?? process.env.NODE_ENV === "production");
  app.decorateRequest("csrfToken", "");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(formbody);
  // CSV and JSON files posted to the import route arrive as text.
  app.addContentTypeParser(
    ["text/csv", "text/plain", "application/geo+json"],
    { parseAs: "string" },
    (_request, body, done) => done(null, body),
  );
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Placefirst API",
        description:
          "Places, indicators, observations and employment for place-based industrial strategy. Reads are public; writes need a signed-in user with the right role and the CSRF token in the x-csrf-token header.",
        version: "1",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: sessionCookie },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyStatic, {
    root: join(govukFrontendDist, "govuk"),
    prefix: "/govuk/",
    allowedPath: (path) => /^\/(govuk-frontend\.min\.(css|js))$/.test(path),
  });
  await app.register(fastifyStatic, {
    root: join(govukFrontendDist, "govuk", "assets", "images"),
    prefix: "/assets/images/",
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: staticDir,
    prefix: "/static/",
    decorateReply: false,
  });

  app.addHook("onRequest", async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token !== undefined && token !== "") {
      request.session = await findSession(options.database, token);
    }
    if (request.session !== undefined) {
      request.csrfToken = request.session.csrfToken;
    } else {
      let anonymous = request.cookies[csrfCookie];
      if (anonymous === undefined || !/^[A-Za-z0-9_-]{32,}$/.test(anonymous)) {
        anonymous = randomBytes(32).toString("base64url");
        reply.setCookie(csrfCookie, anonymous, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: app.secureCookies,
        });
      }
      request.csrfToken = anonymous;
    }
  });

  app.addHook("preValidation", async (request, reply) => {
    const refused = refusal(request, request.routeOptions.config.access);
    if (refused !== undefined) return sendRefusal(request, reply, refused.status, refused.message);
    if (request.method !== "GET" && request.method !== "HEAD" && !csrfMatches(request)) {
      return sendRefusal(
        request,
        reply,
        403,
        "The form or request did not carry the right security token (CSRF). Reload the page and try again; API clients send it in the x-csrf-token header.",
      );
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = describeError(error);
    if (status >= 500) request.log.error(error);
    if (wantsHtml(request) && request.method === "GET") {
      return reply
        .code(status)
        .type("text/html")
        .send(
          renderPage("error.njk", {
            title: status === 404 ? "Page not found" : "Sorry, there is a problem",
            path: request.url,
            status,
            message: body.message,
            user: request.session?.user,
            csrfToken: request.csrfToken,
          }),
        );
    }
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const message = `There is nothing at ${request.url}.`;
    if (wantsHtml(request)) {
      return reply
        .code(404)
        .type("text/html")
        .send(
          renderPage("error.njk", {
            title: "Page not found",
            path: request.url,
            status: 404,
            message,
            user: request.session?.user,
            csrfToken: request.csrfToken,
          }),
        );
    }
    return reply.code(404).send({ error: "not_found", message });
  });

  app.get("/healthz", { schema: { hide: true } }, async () => {
    await options.database.query("select 1");
    return { status: "ok", database: options.database.kind };
  });
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes);
  await app.register(dataRoutes, { prefix: "/api/v1" });
  await app.register(scorecardRoutes, { prefix: "/api/v1" });
  await app.register(profileRoutes, { prefix: "/api/v1" });
  await app.register(participationRoutes, { prefix: "/api/v1" });
  await app.register(financeRoutes, { prefix: "/api/v1" });
  await app.register(procurementRoutes, { prefix: "/api/v1" });
  await app.register(skillsRoutes, { prefix: "/api/v1" });
  await app.register(strategyRoutes, { prefix: "/api/v1" });
  await app.register(dataPages);
  await app.register(profilePages);
  await app.register(participationPages);
  await app.register(financePages);
  await app.register(procurementPages);
  await app.register(procurementLotsPages);
  await app.register(procurementSharedPages);
  await app.register(procurementSupplierPages);
  await app.register(skillsPages);
  await app.register(frameworkPages);
  await app.register(scorecardPages);
  await app.register(strategyPages);
  return app;
}

function csrfMatches(request: FastifyRequest): boolean {
  const body = request.body as Record<string, unknown> | undefined;
  const sent =
    (typeof body === "object" && body !== null && typeof body._csrf === "string"
      ? body._csrf
      : undefined) ?? request.headers["x-csrf-token"];
  if (typeof sent !== "string" || request.csrfToken === "") return false;
  const expected = Buffer.from(request.csrfToken);
  const actual = Buffer.from(sent);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Maps an error to an HTTP status and a JSON body a person can act on; 5xx hide their detail. */
export function describeError(error: unknown): {
  status: number;
  body: { error: string; message: string; location?: unknown };
} {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const path = first?.instancePath.replace(/^\//, "").replaceAll("/", ".") ?? "";
    const where = `${error.validationContext ?? "request"}${path === "" ? "" : `.${path}`}`;
    return {
      status: 400,
      body: { error: "bad_input", message: `${where}: ${first?.message ?? "invalid"}` },
    };
  }
  if (error instanceof InputError) {
    return {
      status: 400,
      body: { error: "bad_input", message: error.message, location: error.location },
    };
  }
  if (error instanceof NotFoundError)
    return { status: 404, body: { error: "not_found", message: error.message } };
  if (error instanceof UnauthorisedError)
    return { status: 401, body: { error: "unauthorised", message: error.message } };
  if (error instanceof ForbiddenError)
    return { status: 403, body: { error: "forbidden", message: error.message } };
  if (error instanceof ConflictError)
    return { status: 409, body: { error: "conflict", message: error.message } };
  const statusCode = (error as { statusCode?: number }).statusCode;
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return {
      status: statusCode,
      body: { error: "bad_request", message: (error as Error).message },
    };
  }
  if (error instanceof PlacefirstError)
    return { status: 400, body: { error: "bad_input", message: error.message } };
  return {
    status: 500,
    body: { error: "internal", message: "Something went wrong on the server. It has been logged." },
  };
}
