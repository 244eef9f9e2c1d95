import type { FastifyInstance } from "fastify";
import { dataEditors } from "../api/access.js";
import { page } from "../web/page.js";
import { InputError, NotFoundError } from "../core/errors.js";
import { parseFramework } from "./framework.js";
import { getFramework, listFrameworks, saveFramework } from "./frameworkStore.js";

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** Pages where officers read, add and edit the stored scorecard frameworks. */
export async function frameworkPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/scorecard/frameworks", { schema: { hide: true } }, async (request, reply) =>
    page(reply, request, "scorecard/views/frameworks.njk", "Scorecard frameworks", {
      frameworks: await listFrameworks(database),
      canEdit: request.session !== undefined && dataEditors.includes(request.session.user.role),
    }),
  );

  app.get(
    "/scorecard/frameworks/edit",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) => {
      const id = (request.query as { id?: string }).id;
      let text = "";
      if (id !== undefined && id !== "") {
        const stored = await getFramework(database, id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
        if (stored !== undefined) text = JSON.stringify(stored.definition, null, 2);
      }
      return page(reply, request, "scorecard/views/framework-edit.njk", "Edit a framework", {
        id: id ?? "",
        text,
      });
    },
  );

  app.post(
    "/scorecard/frameworks",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as { id?: string; definition?: string };
      const id = (body.id ?? "").trim();
      const text = body.definition ?? "";
      const errors: { text: string; href: string }[] = [];
      if (!idPattern.test(id)) {
        errors.push({ text: "Enter an id of letters, digits, '_', '.', ':' or '-'", href: "#id" });
      }
      let framework;
      try {
        framework = parseFramework(text, "the framework");
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        errors.push({ text: error.message, href: "#definition" });
      }
      if (errors.length > 0 || framework === undefined) {
        return page(
          reply.code(400),
          request,
          "scorecard/views/framework-edit.njk",
          "Edit a framework",
          {
            id,
            text,
            errors,
          },
        );
      }
      await saveFramework(database, id, framework, request.session?.user.id ?? null);
      return reply.redirect(`/scorecard?framework=${encodeURIComponent(id)}`, 303);
    },
  );
}
