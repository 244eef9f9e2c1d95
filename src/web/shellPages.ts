import type { FastifyInstance } from "fastify";
import { page } from "./page.js";

/** The capabilities still to come, with what each will do, from the design. */
const comingCapabilities: Record<string, { title: string; summary: string }> = {
  strategy: {
    title: "Strategy",
    summary:
      "One plan per place, from the priorities its people set to the actions that serve them and the outcomes they move, published as a report and monitored over time.",
  },
};

/** Placeholder pages for the capabilities in the navigation that are still being built. */
export async function shellPages(app: FastifyInstance): Promise<void> {
  for (const [slug, capability] of Object.entries(comingCapabilities)) {
    app.get(`/${slug}`, { schema: { hide: true } }, async (request, reply) =>
      page(reply, request, "coming-soon.njk", capability.title, capability),
    );
  }
}
