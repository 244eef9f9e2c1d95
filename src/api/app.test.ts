import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backendName, testDatabase } from "../../test/helpers/testDatabase.js";
import { roles, type Role } from "../core/vocabulary.js";
import type { Database } from "../store/database.js";
import { buildApp } from "./app.js";
import { createUser, startSession, type User } from "./auth/users.js";

let database: Database;
let app: FastifyInstance;
const users = new Map<Role, User>();

/** A fresh session for a role (sign-out ends the one it is given). */
async function sessionFor(role: Role): Promise<{ cookie: string; csrf: string }> {
  const session = await startSession(database, users.get(role)!);
  return { cookie: `pf_session=${session.token}`, csrf: session.csrfToken };
}

beforeAll(async () => {
  database = await testDatabase();
  app = await buildApp({ database });
  for (const role of roles) {
    const user = await createUser(database, {
      email: `${role}@example.org`,
      role,
      password: "correct horse battery staple",
    });
    users.set(role, user);
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const writeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

describe(`the HTTP app on ${backendName}`, () => {
  test("GET /healthz answers ok with the database kind", async () => {
    const response = await app.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: database.kind });
  });

  test("every write route refuses anonymous users and the wrong roles, and admits the right ones", async () => {
    const writes = app.routeTable.filter((route) => writeMethods.has(route.method));
    expect(writes.length).toBeGreaterThanOrEqual(5);
    for (const route of writes) {
      const url = route.url.replace(":kind", "places").replace(":code", "E06000001");
      if (route.access === "public") continue;
      const anonymous = await app.inject({ method: route.method as "POST", url, payload: {} });
      expect([401, 403], `${route.method} ${route.url} anonymous`).toContain(anonymous.statusCode);
      for (const role of roles) {
        const session = await sessionFor(role);
        const response = await app.inject({
          method: route.method as "POST",
          url,
          headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
          payload: {},
        });
        const allowed =
          route.access === "signed-in" ||
          (typeof route.access === "object" && route.access.roles.includes(role));
        if (allowed) {
          expect([401, 403], `${route.method} ${route.url} as ${role}`).not.toContain(
            response.statusCode,
          );
        } else {
          expect(response.statusCode, `${route.method} ${route.url} as ${role}`).toBe(403);
        }
      }
    }
  });

  test("a write route with no access rule is refused to everyone, admin included", async () => {
    const probe = await buildApp({ database });
    probe.post("/api/v1/unguarded", async () => ({ done: true }));
    const admin = await sessionFor("admin");
    const response = await probe.inject({
      method: "POST",
      url: "/api/v1/unguarded",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf },
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    await probe.close();
  });

  test("a write without the CSRF token is refused even for the right role", async () => {
    const officer = await sessionFor("officer");
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/places",
      headers: { cookie: officer.cookie },
      payload: { code: "E06000001", name: "Hartlepool", kind: "district" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/CSRF/);
  });

  test("POST /api/v1/places as an officer stores the place; bad input names the field", async () => {
    const officer = await sessionFor("officer");
    const headers = { cookie: officer.cookie, "x-csrf-token": officer.csrf };
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/places",
      headers,
      payload: { code: "E06000001", name: "Hartlepool", kind: "district", population: 93000 },
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ code: "E06000001", name: "Hartlepool", parent: null });
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/places",
      headers,
      payload: { code: "E06000002", name: "Middlesbrough", kind: "town" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^body\.kind: /);
    const listed = await app.inject({ method: "GET", url: "/api/v1/places" });
    expect(listed.json()).toEqual([expect.objectContaining({ code: "E06000001" })]);
  });

  test("POST /api/v1/imports/observations imports a CSV body in one transaction", async () => {
    const officer = await sessionFor("officer");
    const headers = {
      cookie: officer.cookie,
      "x-csrf-token": officer.csrf,
      "content-type": "text/csv",
    };
    const good = await app.inject({
      method: "POST",
      url: "/api/v1/imports/observations?file=obs.csv",
      headers,
      payload: "place,indicator,period,value\nE06000001,employment_rate,2023,71.2\n",
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ rows: 1, created: ["employment_rate"] });
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/imports/observations?file=bad.csv",
      headers,
      payload: "place,indicator,period,value\nE06000001,employment_rate,2024,lots\n",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: "bad_input",
      location: { file: "bad.csv", line: 2, field: "value", value: "lots" },
    });
  });

  test("GET /api/v1/openapi.json describes every API route", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    const apiRoutes = app.routeTable.filter(
      (route) =>
        route.url.startsWith("/api/v1/") &&
        route.url !== "/api/v1/openapi.json" &&
        route.method !== "HEAD",
    );
    for (const route of apiRoutes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, "{$1}");
      expect(document.paths, route.url).toHaveProperty([path]);
    }
  });

  test("errors are JSON with a message a person can act on", async () => {
    const missing = await app.inject({ method: "GET", url: "/api/v1/places/E99999999" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: "not_found",
      message: "No place has the code E99999999.",
    });
    const badQuery = await app.inject({ method: "GET", url: "/api/v1/places?kind=town" });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().message).toMatch(/^querystring\.kind/);
  });
});

describe(`sign-in on ${backendName}`, () => {
  test("POST /sign-in sets a session cookie for the right password and refuses a wrong one", async () => {
    const page = await app.inject({ method: "GET", url: "/sign-in" });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = page.cookies.find((item) => item.name === "pf_csrf")!;
    const attempt = (password: string, address = "10.0.0.1") =>
      app.inject({
        method: "POST",
        url: "/sign-in",
        remoteAddress: address,
        cookies: { pf_csrf: cookie.value },
        payload: { _csrf: csrf, email: "participant@example.org", password },
      });
    const wrong = await attempt("not the password at all");
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toMatch(/The email address or password is not right/);
    const right = await attempt("correct horse battery staple");
    expect(right.statusCode).toBe(303);
    const session = right.cookies.find((item) => item.name === "pf_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  });

  test("POST /sign-in without the form's CSRF token is refused", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/sign-in",
      payload: { email: "participant@example.org", password: "correct horse battery staple" },
    });
    expect(response.statusCode).toBe(403);
  });

  test("POST /sign-in is refused after five failures for one email, even with the right password", async () => {
    const page = await app.inject({ method: "GET", url: "/sign-in" });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = page.cookies.find((item) => item.name === "pf_csrf")!.value;
    const attempt = (password: string) =>
      app.inject({
        method: "POST",
        url: "/sign-in",
        remoteAddress: "10.0.0.2",
        cookies: { pf_csrf: cookie },
        payload: { _csrf: csrf, email: "supplier@example.org", password },
      });
    for (let index = 0; index < 5; index++)
      expect((await attempt(`wrong ${index}`)).statusCode).toBe(401);
    const limited = await attempt("correct horse battery staple");
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toMatch(/Too many failed attempts/);
  });
});
