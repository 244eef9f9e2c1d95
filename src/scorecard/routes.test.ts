import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backendName, testDatabase } from "../../test/helpers/testDatabase.js";
import { buildApp } from "../api/app.js";
import { createUser, startSession } from "../api/auth/users.js";
import { loadDemo } from "../data/loadDemo.js";
import { generateDemo } from "../demo/index.js";
import type { Database } from "../store/database.js";
import { shippedFrameworks } from "./shippedFrameworks.js";

let database: Database;
let app: FastifyInstance;
let officer: Record<string, string>;
let participant: Record<string, string>;

beforeAll(async () => {
  database = await testDatabase();
  await loadDemo(database, generateDemo(20261128), 20261128);
  app = await buildApp({ database });
  const headers = async (role: "officer" | "participant"): Promise<Record<string, string>> => {
    const user = await createUser(database, {
      email: `${role}@example.org`,
      role,
      password: "a long enough password",
    });
    const session = await startSession(database, user);
    return { cookie: `pf_session=${session.token}`, "x-csrf-token": session.csrfToken };
  };
  officer = await headers("officer");
  participant = await headers("participant");
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const demoFramework = JSON.parse(readFileSync(shippedFrameworks.demo!, "utf8")) as Record<
  string,
  unknown
>;

describe(`the scorecard API on ${backendName}`, () => {
  test("PUT /api/v1/frameworks/:id stores a framework for an officer and refuses a participant", async () => {
    const refused = await app.inject({
      method: "PUT",
      url: "/api/v1/frameworks/demo",
      headers: participant,
      payload: demoFramework,
    });
    expect(refused.statusCode).toBe(403);
    const stored = await app.inject({
      method: "PUT",
      url: "/api/v1/frameworks/demo",
      headers: officer,
      payload: demoFramework,
    });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({
      id: "demo",
      name: "People and places first (demo region)",
    });
    const listed = await app.inject({ method: "GET", url: "/api/v1/frameworks" });
    expect(listed.json()).toHaveLength(1);
  });

  test("PUT /api/v1/frameworks/:id names the field of a bad framework", async () => {
    const response = await app.inject({
      method: "PUT",
      url: "/api/v1/frameworks/bad",
      headers: officer,
      payload: {
        name: "Bad",
        aggregation: { method: "median" },
        goals: [{ id: "a", indicators: [{ id: "b" }] }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/field "aggregation.method"/);
  });

  test("GET /api/v1/scorecard ranks the demo districts and flags the left-behind ones", async () => {
    const response = await app.inject({
      method: "GET",
      url: "/api/v1/scorecard?framework=demo&uncertainty=200&seed=3",
    });
    expect(response.statusCode).toBe(200);
    const report = response.json() as {
      places: {
        place: string;
        rank: number;
        score: number;
        rankInterval: [number, number];
        leftBehind: boolean;
      }[];
      sensitivity: { assumption: string }[];
    };
    expect(report.places).toHaveLength(14);
    expect(report.places.map((place) => place.rank)).toEqual(
      Array.from({ length: 14 }, (_, index) => index + 1),
    );
    expect(report.places.filter((place) => place.leftBehind).length).toBeGreaterThanOrEqual(3);
    for (const place of report.places) {
      expect(place.rankInterval[0]).toBeLessThanOrEqual(place.rankInterval[1]);
    }
    expect(report.sensitivity.map((item) => item.assumption).sort()).toEqual([
      "aggregation",
      "normalisation",
      "weights",
    ]);
  });

  test("DELETE /api/v1/frameworks/:id removes it, and then the scorecard says it is missing", async () => {
    const deleted = await app.inject({
      method: "DELETE",
      url: "/api/v1/frameworks/demo",
      headers: officer,
    });
    expect(deleted.statusCode).toBe(204);
    const missing = await app.inject({ method: "GET", url: "/api/v1/scorecard?framework=demo" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe("No framework has the id demo.");
  });
});
