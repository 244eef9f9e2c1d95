import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../src/api/app.js";
import { createUser, startSession, type User } from "../../src/api/auth/users.js";
import { InputError, NotFoundError } from "../../src/core/errors.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { sharedServices } from "../../src/procurement/methods/sharedServices.js";
import { parseContractLines } from "../../src/procurement/lotsPages.js";
import { seedDemoProcurement } from "../../src/procurement/seedDemo.js";
import { registeredSupplierOf } from "../../src/procurement/service.js";
import {
  listSharedNeedPosts,
  postSharedNeed,
  withdrawSharedNeed,
} from "../../src/procurement/sharedNeeds.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

describe(`shared services and the lot planner, store and pages, on ${backendName}`, () => {
  let database: Database;
  let app: FastifyInstance;
  const users: Record<string, User> = {};
  /** The register entry linked to the supplier user, and a need a group near it already has. */
  let linked: { supplierId: string; need: string; neighbours: string[] };

  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
    await seedDemoProcurement(database);
    for (const [name, role] of [
      ["officer", "officer"],
      ["admin", "admin"],
      ["resident", "participant"],
      ["firm", "supplier"],
      ["newcomer", "supplier"],
    ] as const) {
      users[name] = await createUser(database, {
        email: `${name}@example.org`,
        role,
        password: "correct horse battery staple",
      });
    }
    // A firm in the district of a demo group that has not posted the group's need: posting it
    // puts the firm in that group, since posts in the same place are linked.
    const posts = await listSharedNeedPosts(database);
    const { groups } = sharedServices(posts, { distanceKm: 10 });
    const placeOf = new Map(posts.map((post) => [post.supplierId, post.place]));
    const register = await database.query<{ id: string; place: string }>(
      "select id, place_code as place from procurement_suppliers order by id",
    );
    for (const group of groups) {
      const place = placeOf.get(group.supplierIds[0]!)!;
      const candidate = register.find(
        (supplier) =>
          supplier.place === place &&
          !posts.some((post) => post.supplierId === supplier.id && post.need === group.need),
      );
      if (candidate !== undefined) {
        linked = {
          supplierId: candidate.id,
          need: group.need,
          neighbours: group.supplierIds,
        };
        break;
      }
    }
    await database.query("update procurement_suppliers set user_id = $1 where id = $2", [
      users.firm!.id,
      linked!.supplierId,
    ]);
    app = await buildApp({ database });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function as(name: string) {
    const session = await startSession(database, users[name]!);
    const headers = { cookie: `pf_session=${session.token}`, "x-csrf-token": session.csrfToken };
    return {
      get: (url: string) => app.inject({ method: "GET", url, headers }),
      post: (url: string, payload: Record<string, string>) =>
        app.inject({ method: "POST", url, headers, payload }),
      /** Posts as a browser does: form-encoded, with the token in the body. */
      submit: (url: string, fields: Record<string, string>) =>
        app.inject({
          method: "POST",
          url,
          headers: {
            cookie: headers.cookie,
            "content-type": "application/x-www-form-urlencoded",
          },
          payload: new URLSearchParams({ ...fields, _csrf: session.csrfToken }).toString(),
        }),
    };
  }

  const postsOf = (supplierId: string) =>
    database.query<{ need: string; note: string | null }>(
      "select need, note from procurement_shared_needs where supplier_id = $1 order by need",
      [supplierId],
    );

  test("listSharedNeedPosts(database) gives the demo's 60 posts with each supplier's name, place and position", async () => {
    const posts = await listSharedNeedPosts(database);
    expect(posts).toHaveLength(60);
    expect(posts.every((post) => post.name !== "" && post.placeName !== "")).toBe(true);
    expect(posts.every((post) => post.place.startsWith("X08"))).toBe(true);
    expect(
      posts.every((post) => typeof post.lat === "number" && typeof post.lon === "number"),
    ).toBe(true);
    expect(posts.every((post) => post.createdAt instanceof Date)).toBe(true);
    expect(sharedServices(posts, { distanceKm: 10 }).groups.length).toBeGreaterThanOrEqual(5);
  });

  test("postSharedNeed(database, supplier, need, note) posts once, then updates the note; withdrawSharedNeed removes it", async () => {
    const [other] = await database.query<{ id: string }>(
      `select id from procurement_suppliers where id <> $1
         and id not in (select supplier_id from procurement_shared_needs where need = 'export')
       order by id limit 1`,
      [linked.supplierId],
    );
    const supplierId = other!.id;
    const before = (await postsOf(supplierId)).length;
    expect(await postSharedNeed(database, supplierId, "export", "Customs paperwork")).toBe(
      "posted",
    );
    expect(await postSharedNeed(database, supplierId, "export", "  An export desk  ")).toBe(
      "updated",
    );
    const after = await postsOf(supplierId);
    expect(after).toHaveLength(before + 1);
    expect(after.find((post) => post.need === "export")?.note).toBe("An export desk");
    expect(await postSharedNeed(database, supplierId, "export", "")).toBe("updated");
    expect((await postsOf(supplierId)).find((post) => post.need === "export")?.note).toBeNull();
    expect(await withdrawSharedNeed(database, supplierId, "export")).toBe(true);
    expect(await withdrawSharedNeed(database, supplierId, "export")).toBe(false);
    expect(await postsOf(supplierId)).toHaveLength(before);
  });

  test("postSharedNeed refuses an unknown need, a note over 300 characters and an unknown supplier", async () => {
    await expect(postSharedNeed(database, linked.supplierId, "lunch", null)).rejects.toThrow(
      InputError,
    );
    await expect(
      postSharedNeed(database, linked.supplierId, "hr", "x".repeat(301)),
    ).rejects.toThrow(/at most 300 characters/);
    await expect(postSharedNeed(database, "NO-SUCH-FIRM", "hr", null)).rejects.toThrow(
      NotFoundError,
    );
  });

  test("registeredSupplierOf(database, userId) gives the linked register entry, or undefined", async () => {
    expect((await registeredSupplierOf(database, users.firm!.id))?.supplierId).toBe(
      linked.supplierId,
    );
    expect(await registeredSupplierOf(database, users.newcomer!.id)).toBeUndefined();
  });

  test("GET /procurement/shared is for suppliers, officers and admins: anonymous is sent to sign in, a participant is refused", async () => {
    const anonymous = await app.inject({ method: "GET", url: "/procurement/shared" });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=/);
    expect((await (await as("resident")).get("/procurement/shared")).statusCode).toBe(403);
    const anonymousPost = await app.inject({
      method: "POST",
      url: "/procurement/shared/needs",
      payload: { need: "hr" },
    });
    expect(anonymousPost.statusCode).toBe(401);
    const residentPost = await (
      await as("resident")
    ).post("/procurement/shared/needs", {
      need: "hr",
    });
    expect(residentPost.statusCode).toBe(403);
    const officerPost = await (
      await as("officer")
    ).post("/procurement/shared/needs", {
      need: "hr",
    });
    expect(officerPost.statusCode).toBe(403);
  });

  test("a supplier without a register entry is told to register first and cannot post", async () => {
    const newcomer = await as("newcomer");
    const page = await newcomer.get("/procurement/shared");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Register your business first");
    expect(page.body).toContain('href="/procurement/me"');
    expect(page.body).not.toContain('action="/procurement/shared/needs"');
    const post = await newcomer.submit("/procurement/shared/needs", { need: "hr" });
    expect(post.statusCode).toBe(409);
    expect(post.body).toContain("/procurement/me");
  });

  test("a linked supplier posts a need twice (the note is updated), joins the group near it, and withdraws", async () => {
    const firm = await as("firm");
    const form = await firm.get("/procurement/shared");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('action="/procurement/shared/needs"');
    for (const label of [
      "HR",
      "Accounts",
      "Export",
      "Training",
      "Premises",
      "Equipment",
      "IT",
      "Marketing",
    ]) {
      expect(form.body).toMatch(new RegExp(`<label[^>]*>\\s*${label}\\s*</label>`));
    }
    const before = (await postsOf(linked.supplierId)).length;

    const first = await firm.submit("/procurement/shared/needs", {
      need: linked.need,
      note: "Could share one day a week",
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(
      `/procurement/shared?done=posted&need=${linked.need}#posts`,
    );
    const second = await firm.submit("/procurement/shared/needs", {
      need: linked.need,
      note: "Could share two days a week",
    });
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toContain("done=updated");
    const stored = await postsOf(linked.supplierId);
    expect(stored).toHaveLength(before + 1);
    expect(stored.find((post) => post.need === linked.need)?.note).toBe(
      "Could share two days a week",
    );

    const page = await firm.get(`/procurement/shared?done=updated&need=${linked.need}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("govuk-notification-banner--success");
    expect(page.body).toContain("Could share two days a week");
    const names = await database.query<{ name: string }>(
      "select name from procurement_suppliers where id = any($1::text[])",
      [linked.neighbours],
    );
    const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("'", "&#39;");
    for (const { name } of names) expect(page.body).toContain(escape(name));

    const withdrawn = await firm.submit("/procurement/shared/needs/withdraw", {
      need: linked.need,
    });
    expect(withdrawn.statusCode).toBe(303);
    expect(withdrawn.headers.location).toContain("done=withdrawn");
    expect(await postsOf(linked.supplierId)).toHaveLength(before);
  });

  test("POST /procurement/shared/needs keeps the form with its problems: no need chosen, a note too long, no CSRF token", async () => {
    const firm = await as("firm");
    const noNeed = await firm.submit("/procurement/shared/needs", { note: "Just a note" });
    expect(noNeed.statusCode).toBe(400);
    expect(noNeed.body).toContain("govuk-error-summary");
    expect(noNeed.body).toContain('href="#need"');
    expect(noNeed.body).toContain("Just a note");
    const long = "y".repeat(301);
    const tooLong = await firm.submit("/procurement/shared/needs", { need: "it", note: long });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain("at most 300 characters");
    expect(tooLong.body).toContain(long);
    expect(tooLong.body).toMatch(/value="it" checked/);
    const forged = await app.inject({
      method: "POST",
      url: "/procurement/shared/needs",
      headers: {
        cookie: `pf_session=${(await startSession(database, users.firm!)).token}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: "need=it",
    });
    expect(forged.statusCode).toBe(403);
    expect((await postsOf(linked.supplierId)).some((post) => post.need === "it")).toBe(false);
  });

  test("an officer and an admin see every group by need, with members, centre, span and the posts in no group", async () => {
    const posts = await listSharedNeedPosts(database);
    const { groups, ungrouped } = sharedServices(posts, { distanceKm: 10 });
    for (const name of ["officer", "admin"]) {
      const page = await (await as(name)).get("/procurement/shared");
      expect(page.statusCode).toBe(200);
      expect(page.body.match(/class="govuk-summary-card pf-shared-group"/g)).toHaveLength(
        groups.length,
      );
      expect(page.body).toContain(`<span id="ungrouped-count">${ungrouped.length}</span>`);
      expect(page.body).toContain("Centre");
      expect(page.body).toMatch(/within \d+(\.\d)? km of each other|at the same spot/);
      expect(page.body).toContain("fictional-notice");
    }
  });

  test("parseContractLines(text) reads description; CPV; pounds lines and names each faulty line", () => {
    const { items, errors } = parseContractLines(
      "Grounds; maintenance; 77310000; £120,000\n\nCleaning; 90910000-4; 2500.50\nNo parts\nBad; 1234; 5\nBad value; 45210000; ten",
    );
    expect(items).toEqual([
      {
        id: "1",
        line: 1,
        description: "Grounds; maintenance",
        cpvCode: "77310000",
        valuePence: 12_000_000,
      },
      { id: "3", line: 3, description: "Cleaning", cpvCode: "90910000", valuePence: 250_050 },
    ]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^Line 4: expected a description, a CPV code and a value/);
    expect(errors[1]).toMatch(/^Line 5: expected a CPV 2008 code of eight digits/);
    expect(errors[2]).toMatch(/^Line 6: expected the value in pounds/);
  });

  test("the lot planner is for officers and admins; it plans the example and keeps a faulty form with a 400", async () => {
    expect((await app.inject({ method: "GET", url: "/procurement/lots" })).statusCode).toBe(302);
    expect((await (await as("resident")).get("/procurement/lots")).statusCode).toBe(403);
    expect((await (await as("firm")).get("/procurement/lots")).statusCode).toBe(403);
    const anonymousPost = await app.inject({
      method: "POST",
      url: "/procurement/lots",
      payload: { items: "A; 45210000; 100" },
    });
    expect(anonymousPost.statusCode).toBe(401);

    const officer = await as("officer");
    const first = await officer.get("/procurement/lots");
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("Grounds maintenance; 77310000; 120000");
    const items = /<textarea[^>]*name="items"[^>]*>([^<]*)<\/textarea>/.exec(first.body)![1]!;
    const planned = await officer.submit("/procurement/lots", {
      items: items.replaceAll("&#39;", "'").replaceAll("&amp;", "&"),
      maxLots: "5",
      minLotValue: "25000",
      place: "",
    });
    expect(planned.statusCode).toBe(200);
    expect(planned.body).toContain('id="before-after"');
    expect(planned.body).toContain("Before: as one lot");
    expect(planned.body).toContain("After: in lots as planned");
    expect(planned.body).toMatch(/Lot 1: £/);
    // Division 77 is in no demo SME's list, so grounds maintenance is out of reach.
    expect(planned.body).toContain("No local SME works in CPV division 77");

    const district = await officer.submit("/procurement/lots", {
      items: "Cleaning; 90910000; 40000\nPainting; 45442100; 30000",
      maxLots: "",
      minLotValue: "",
      place: "X08000001",
    });
    expect(district.statusCode).toBe(200);
    expect(district.body).toContain('value="X08000001" selected');

    const faulty = await officer.submit("/procurement/lots", {
      items: "Cleaning; 90910000; 40000\nPainting 45442100 30000",
      maxLots: "0",
      minLotValue: "lots",
      place: "nowhere",
    });
    expect(faulty.statusCode).toBe(400);
    expect(faulty.body).toContain("govuk-error-summary");
    expect(faulty.body).toContain("Line 2: expected a description, a CPV code and a value");
    expect(faulty.body).toContain('href="#maxLots"');
    expect(faulty.body).toContain('href="#minLotValue"');
    expect(faulty.body).toContain('href="#place"');
    expect(faulty.body).toContain("Painting 45442100 30000");
    expect(faulty.body).toContain("<title>Error: ");
    expect(faulty.body).not.toContain('id="before-after"');

    const empty = await officer.submit("/procurement/lots", { items: "  \n " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Enter the contract&#39;s items");
    expect((await (await as("admin")).get("/procurement/lots")).statusCode).toBe(200);
  });
});
