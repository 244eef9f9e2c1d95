import type { FastifyReply, FastifyRequest } from "fastify";
import { renderPage } from "./render.js";

/** Renders a page with the signed-in user and CSRF token filled in. */
export function page(
  reply: FastifyReply,
  request: FastifyRequest,
  template: string,
  title: string,
  fields: Record<string, unknown> = {},
): FastifyReply {
  return reply.type("text/html").send(
    renderPage(template, {
      title,
      path: request.url.split("?")[0] ?? "/",
      user: request.session?.user,
      csrfToken: request.csrfToken,
      ...fields,
    }),
  );
}

/** Sends a CSV download, its file name reduced to safe characters. */
export function sendCsv(reply: FastifyReply, name: string, body: string): FastifyReply {
  return reply
    .type("text/csv; charset=utf-8")
    .header(
      "content-disposition",
      `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, "_")}"`,
    )
    .send(body);
}
