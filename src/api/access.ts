import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../core/vocabulary.js";
import { renderPage } from "../web/render.js";
import type { Session } from "./auth/users.js";

/**
 * Who may use a route, set in each route's `config.access`. Reads (GET) are public unless they
 * say otherwise; a write route with no `access` is refused to everyone, so a forgotten check
 * fails closed.
 */
export type Access =
  /** Anyone, signed in or not (the sign-in form). */
  | "public"
  /** Any signed-in user. */
  | "signed-in"
  /** Signed-in users with one of these roles. */
  | { roles: readonly Role[] };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in session, if any. */
    session?: Session;
  }
}

/** The name of the session cookie. */
export const sessionCookie = "pf_session";
/** The name of the cookie holding the CSRF token of a visitor who is not signed in. */
export const csrfCookie = "pf_csrf";

/** The roles that may change the evidence base: places, indicators, observations, imports. */
export const dataEditors: readonly Role[] = ["admin", "officer"];

/** Why a request was refused, or undefined when it may go on. */
export function refusal(
  request: FastifyRequest,
  access: Access | undefined,
): { status: 401 | 403; message: string } | undefined {
  const isRead = request.method === "GET" || request.method === "HEAD";
  if (access === undefined) {
    return isRead ? undefined : { status: 403, message: "This action is not open to any role." };
  }
  if (access === "public") return undefined;
  const session = request.session;
  if (session === undefined) return { status: 401, message: "Sign in to do this." };
  if (access === "signed-in") return undefined;
  if (!access.roles.includes(session.user.role)) {
    return {
      status: 403,
      message: `Your role (${session.user.role}) cannot do this; it needs one of: ${access.roles.join(", ")}.`,
    };
  }
  return undefined;
}

/** True when a request wants an HTML page rather than JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  return !request.url.startsWith("/api/") && request.url !== "/healthz";
}

/** Sends a refusal as JSON to API clients and as a page (or sign-in redirect) to browsers. */
export function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
): FastifyReply {
  if (wantsHtml(request) && status === 401 && request.method === "GET") {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
  }
  if (wantsHtml(request)) {
    return reply
      .code(status)
      .type("text/html")
      .send(
        renderPage("error.njk", {
          title: status === 401 ? "Sign in to do this" : "You cannot do this",
          path: request.url,
          status,
          message,
          user: request.session?.user,
          csrfToken: request.csrfToken,
        }),
      );
  }
  return reply.code(status).send({ error: status === 401 ? "unauthorised" : "forbidden", message });
}
