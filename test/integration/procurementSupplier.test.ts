import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { createUser, startSession } from "../../src/api/auth/users.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { seedDemoProcurement } from "../../src/procurement/seedDemo.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

describe(`a supplier's own register entry, matches and feed on ${backendName}`, () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
    await seedDemoProcurement(database);
    app = await buildApp({ database });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function session(email: string, role: "supplier" | "officer" | "participant") {
    const user = await createUser(database, {
      email,
      role,
      password: "correct horse battery staple",
    });
    const started = await startSession(database, user);
    return { user, cookie: `pf_session=${started.token}`, csrf: started.csrfToken };
  }

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  test("a supplier registers with a form, sees its matching open tenders, and reads them as a feed", async () => {
    const supplier = await session("builder@example.org", "supplier");
    const headers = {
      cookie: supplier.cookie,
      "content-type": "application/x-www-form-urlencoded",
    };
    const first = await app.inject({ method: "GET", url: "/procurement/me", headers });
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/Register your business/);
    // The CPV codes of an open demo tender, so that it matches.
    const [open] = await database.query<{ cpv: string[] }>(
      "select cpv_codes as cpv from procurement_processes where tender_end > now() order by tender_end limit 1",
    );
    const bad = await app.inject({
      method: "POST",
      url: "/procurement/me",
      headers,
      payload: form({ _csrf: supplier.csrf, name: "", place: "X99", cpv: "123 45210000" }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/Enter your business&#39;s name/);
    expect(bad.body).toMatch(/Choose the district/);
    expect(bad.body).toMatch(/123 is not a CPV code/);
    const saved = await app.inject({
      method: "POST",
      url: "/procurement/me",
      headers,
      payload: form({
        _csrf: supplier.csrf,
        name: "Test Builders Ltd",
        place: "X08000001",
        postcode: "bv1 2ab",
        employees: "12",
        turnover: "£1,500,000",
        cpv: open!.cpv.join(" "),
        capacity: "",
        accreditations: "ISO 9001; Cyber Essentials",
      }),
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const [row] = await database.query<{
      size: string;
      postcode: string;
      turnover: number;
      token: string;
    }>(
      `select size, postcode, turnover_pence::float8 as turnover, feed_token as token
       from procurement_suppliers where user_id = $1`,
      [supplier.user.id],
    );
    expect(row).toMatchObject({ size: "small", postcode: "BV1 2AB", turnover: 150_000_000 });
    const page = await app.inject({ method: "GET", url: "/procurement/me", headers });
    expect(page.body).toMatch(/Open tenders you could bid for/);
    expect(page.body).toMatch(/\/procurement\/tenders\//);
    const api = await app.inject({
      method: "GET",
      url: "/api/v1/procurement/me",
      headers: { cookie: supplier.cookie },
    });
    const body = api.json() as { supplier: object; matches: unknown[] };
    expect(body.matches.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain(row!.token);
    const feed = await app.inject({ method: "GET", url: `/procurement/feeds/${row!.token}` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toMatch(/application\/atom\+xml/);
    expect(feed.body.match(/<entry>/g)!.length).toBe(
      body.matches.length > 20 ? 20 : body.matches.length,
    );
    expect(
      (await app.inject({ method: "GET", url: "/procurement/feeds/not-a-real-token-at-all" }))
        .statusCode,
    ).toBe(404);
  });

  test("only suppliers have an own page, and only officers add to the register through the API", async () => {
    const resident = await session("resident@example.org", "participant");
    expect(
      (
        await app.inject({
          method: "GET",
          url: "/procurement/me",
          headers: { cookie: resident.cookie },
        })
      ).statusCode,
    ).toBe(403);
    const officer = await session("buyer@example.org", "officer");
    const supplier = {
      supplierId: "GB-COH-00000001",
      name: "Imported Ltd (fictional)",
      placeCode: "X08000002",
      size: "micro",
      cpvCodes: ["90910000-9"],
    };
    const stored = await app.inject({
      method: "POST",
      url: "/api/v1/procurement/suppliers",
      headers: { cookie: officer.cookie, "x-csrf-token": officer.csrf },
      payload: { suppliers: [supplier] },
    });
    expect(stored.statusCode, stored.body).toBe(200);
    const badPlace = await app.inject({
      method: "POST",
      url: "/api/v1/procurement/suppliers",
      headers: { cookie: officer.cookie, "x-csrf-token": officer.csrf },
      payload: { suppliers: [{ ...supplier, supplierId: "GB-COH-00000002", placeCode: "E99" }] },
    });
    expect(badPlace.statusCode).toBe(400);
    expect(badPlace.json().message).toMatch(/no stored place has this code/);
    const [count] = await database.query<{ n: number }>(
      "select count(*)::int as n from procurement_suppliers where id like 'GB-COH-0000000%'",
    );
    expect(count!.n).toBe(1);
  });
});
