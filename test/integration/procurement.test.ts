import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { createUser, startSession } from "../../src/api/auth/users.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { seedDemoProcurement } from "../../src/procurement/seedDemo.js";
import { listOpenTenders, listSuppliers, spendAwards } from "../../src/procurement/service.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

describe(`the procurement demo, service and API on ${backendName}`, () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
    app = await buildApp({ database });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  test("the demo is loaded once: processes compiled from their releases, a register, open tenders placed in districts", async () => {
    expect(await seedDemoProcurement(database)).toBe(true);
    expect(await seedDemoProcurement(database)).toBe(false);
    const [counts] = await database.query<{ processes: number; awards: number; open: number }>(
      `select (select count(*)::int from procurement_processes) as processes,
         (select count(*)::int from procurement_awards) as awards,
         (select count(*)::int from procurement_processes where tender_end > now()) as open`,
    );
    expect(counts!.processes).toBe(400);
    expect(counts!.awards).toBeGreaterThan(300);
    const today = new Date().toISOString().slice(0, 10);
    const open = await listOpenTenders(database, { asOf: today });
    expect(open.length).toBe(counts!.open);
    expect(open.length).toBeGreaterThanOrEqual(15);
    expect(open.every((tender) => tender.gssCode?.startsWith("X08") === true)).toBe(true);
    expect(open.every((tender) => tender.regionCode !== undefined)).toBe(true);
    const suppliers = await listSuppliers(database);
    expect(suppliers).toHaveLength(120);
    expect(
      suppliers.every((supplier) => supplier.cpvCodes.every((code) => /^\d{8}$/.test(code))),
    ).toBe(true);
  });

  test("spendAwards knows each award's SME status and, for local suppliers, their district", async () => {
    const awards = await spendAwards(database);
    expect(awards.length).toBeGreaterThan(300);
    expect(awards.every((award) => award.supplierIsSme !== null)).toBe(true);
    // Every supplier is placed: by the register, by the postcode directory, or as outside the
    // region when its postcode is not in the directory.
    const { outsideTheRegion } = await import("../../src/procurement/service.js");
    expect(awards.every((award) => award.supplierPlace != null)).toBe(true);
    const local = awards.filter((award) => award.supplierPlace!.startsWith("X08"));
    const outside = awards.filter((award) => award.supplierPlace === outsideTheRegion);
    expect(local.length).toBeGreaterThan(50);
    expect(outside.length).toBeGreaterThan(50);
    expect(local.length + outside.length).toBe(awards.length);
    expect(outside.every((award) => award.supplierRegion === outsideTheRegion)).toBe(true);
    const total = awards.reduce((sum, award) => sum + award.valuePence, 0);
    const sme = awards
      .filter((award) => award.supplierIsSme === true)
      .reduce((sum, award) => sum + award.valuePence, 0);
    expect(sme / total).toBeGreaterThan(0.15);
    expect(sme / total).toBeLessThan(0.6);
  });

  test("the public reads open tenders and spend; the register and matches need an officer", async () => {
    const tenders = await app.inject({ method: "GET", url: "/api/v1/procurement/tenders" });
    expect(tenders.statusCode).toBe(200);
    const list = tenders.json() as { ocid: string }[];
    expect(list.length).toBeGreaterThanOrEqual(15);
    const spend = await app.inject({
      method: "GET",
      url: "/api/v1/procurement/spend?place=X08000001",
    });
    expect(spend.statusCode).toBe(200);
    const shares = spend.json() as { total: { sme: { share: number } }; byYear: unknown[] };
    expect(shares.total.sme.share).toBeGreaterThan(0);
    expect(shares.byYear.length).toBeGreaterThanOrEqual(5);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/procurement/spend?place=nowhere" }))
        .statusCode,
    ).toBe(400);
    const matchesUrl = `/api/v1/procurement/tenders/${encodeURIComponent(list[0]!.ocid)}/matches`;
    expect((await app.inject({ method: "GET", url: matchesUrl })).statusCode).toBe(401);
    const officer = await startSession(
      database,
      await createUser(database, {
        email: "buyer@example.org",
        role: "officer",
        password: "correct horse battery staple",
      }),
    );
    const matches = await app.inject({
      method: "GET",
      url: matchesUrl,
      headers: { cookie: `pf_session=${officer.token}` },
    });
    expect(matches.statusCode).toBe(200);
    const result = matches.json() as {
      matches: { score: number }[];
      consortia: { search: string };
    };
    expect(result.matches.every((match) => match.score >= 0 && match.score <= 1)).toBe(true);
    expect(["exact", "greedy"]).toContain(result.consortia.search);
    const missing = await app.inject({
      method: "GET",
      url: "/api/v1/procurement/tenders/ocds-none",
    });
    expect(missing.statusCode).toBe(404);
  });

  test("a tender whose codes are not all CPV is matched on those that are, not refused", async () => {
    const { importReleases } = await import("../../src/procurement/importOcds.js");
    const { matchableCpvCodes } = await import("../../src/procurement/service.js");
    expect(matchableCpvCodes(["4523", "45210000-2", "00000000", "72000000"])).toEqual([
      "45210000",
      "72000000",
    ]);
    const end = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await database.transaction((tx) =>
      importReleases(tx, "odd codes", [
        {
          ocid: "ocds-test-odd",
          id: "1",
          date: "2026-01-01T00:00:00Z",
          tag: ["tender"],
          initiationType: "tender",
          tender: {
            id: "t",
            title: "Odd codes",
            status: "active",
            tenderPeriod: { endDate: end },
            items: [
              { id: "1", classification: { scheme: "CPV", id: "4523" } },
              { id: "2", classification: { scheme: "CPV", id: "45210000" } },
            ],
          },
        },
      ]),
    );
    const officer = await startSession(
      database,
      (
        await database.query<{ id: number; email: string; role: "officer" }>(
          "select id, email, role from users where email = 'buyer@example.org'",
        )
      )[0]!,
    );
    const response = await app.inject({
      method: "GET",
      url: "/api/v1/procurement/tenders/ocds-test-odd/matches",
      headers: { cookie: `pf_session=${officer.token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});
