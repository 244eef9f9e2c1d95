import { afterAll, describe, expect, test } from "vitest";
import { uniformStream } from "../../test/helpers/random.js";
import { InputError, PlacefirstError } from "../core/errors.js";
import type { PortfolioConstraints, PortfolioProject } from "./methods/portfolio.js";
import { portfolio } from "./methods/portfolio.js";
import { closePortfolioWorker, portfolioInWorker } from "./portfolioWorker.js";

afterAll(closePortfolioWorker);

/**
 * A seeded random pipeline of `count` projects in eight places, four sectors and two funds,
 * about a third of them left behind and one in ten divisible, with constraints that bind: per-
 * fund budgets of about 40% of each fund's asks, a global and a per-fund left-behind floor, a cap
 * per place, a mean-risk limit and a pair of each kind.
 */
function randomPipeline(
  seed: number,
  count: number,
): { projects: PortfolioProject[]; constraints: PortfolioConstraints } {
  const next = uniformStream(seed);
  const whole = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const projects = Array.from({ length: count }, (_, index): PortfolioProject => {
    const divisible = next() < 0.1;
    return {
      id: `P${index + 1}`,
      place: `E${whole(1, 8)}`,
      sector: ["A", "B", "C", "D"][whole(0, 3)]!,
      amount: whole(1, 40) * 100_000,
      score: whole(0, 100) / 4,
      jobs: whole(0, 80),
      risk: whole(0, 20) / 100,
      leftBehind: next() < 0.35,
      fund: next() < 0.6 ? "growth" : "skills",
      ...(divisible ? { divisible, minFraction: 0.25 } : {}),
    };
  });
  const asks = (fund: string) =>
    projects.filter((item) => item.fund === fund).reduce((sum, item) => sum + item.amount, 0);
  return {
    projects,
    constraints: {
      budget: {
        growth: Math.round(asks("growth") * 0.4),
        skills: Math.round(asks("skills") * 0.4),
      },
      minShareLeftBehind: 0.3,
      minShareLeftBehindByFund: { skills: 0.4 },
      maxSharePlace: 0.25,
      maxMeanRisk: 0.1,
      excludes: [["P1", "P2"]],
      requires: [["P3", "P4"]],
    },
  };
}

describe("portfolioInWorker", () => {
  test("portfolioInWorker(random pipeline) gives exactly the in-process result", async () => {
    const { projects, constraints } = randomPipeline(11, 50);
    const places = new Set(projects.map((item) => item.place));
    const options = { relativeGap: 0, knownPlaces: places };
    const here = await portfolio(projects, constraints, options);
    const there = await portfolioInWorker(projects, constraints, options);
    expect(there).toStrictEqual(here);
    // The floors bind or hold, so the example exercises them across the thread boundary.
    expect(there.byFund!.find((item) => item.fund === "skills")!.shareLeftBehind).toBeGreaterThan(
      0.4 - 1e-12,
    );
    expect(Object.keys(there.costs)).toContain("min-share-left-behind:skills");
  });

  test("portfolioInWorker(bad input) throws an InputError with the same message and location", async () => {
    const { projects, constraints } = randomPipeline(12, 20);
    const bad = projects.map((item, index) => (index === 3 ? { ...item, amount: -5 } : item));
    const here = await portfolio(bad, constraints).catch((error: unknown) => error);
    const there = await portfolioInWorker(bad, constraints).catch((error: unknown) => error);
    expect(there).toBeInstanceOf(InputError);
    expect((there as InputError).name).toBe("InputError");
    expect((there as InputError).message).toBe((here as InputError).message);
    expect((there as InputError).location).toEqual({
      field: "projects[3].amount",
      value: "-5",
    });
    expect((there as InputError).location).toEqual((here as InputError).location);
    // An error found by the solver (constraints no portfolio meets) comes back the same way.
    const conflicting = { ...constraints, maxSharePlace: 0.1 };
    const hereConflict = await portfolio(projects, conflicting).catch((error: unknown) => error);
    const thereConflict = await portfolioInWorker(projects, conflicting).catch(
      (error: unknown) => error,
    );
    expect(thereConflict).toBeInstanceOf(InputError);
    expect((thereConflict as InputError).message).toBe((hereConflict as InputError).message);
    expect((thereConflict as InputError).location).toEqual((hereConflict as InputError).location);
  });

  test("portfolioInWorker(no constraints) throws the built-in error class portfolio throws", async () => {
    const { projects } = randomPipeline(13, 5);
    const missing = undefined as unknown as PortfolioConstraints;
    const here = await portfolio(projects, missing).catch((error: unknown) => error);
    const there = await portfolioInWorker(projects, missing).catch((error: unknown) => error);
    expect(here).toBeInstanceOf(TypeError);
    expect(there).toBeInstanceOf(TypeError);
    expect((there as TypeError).message).toBe((here as TypeError).message);
    // The worker answers the next call after an error.
    const constraints: PortfolioConstraints = { budget: { growth: 1e9, skills: 1e9 } };
    await expect(portfolioInWorker(projects, constraints)).resolves.toStrictEqual(
      await portfolio(projects, constraints),
    );
  });

  test("portfolioInWorker(two calls at once) answers each with its own result", async () => {
    const first = randomPipeline(21, 60);
    const second = randomPipeline(22, 40);
    const [one, two, three] = await Promise.all([
      portfolioInWorker(first.projects, first.constraints),
      portfolioInWorker(second.projects, second.constraints),
      portfolioInWorker(first.projects, { budget: 1 }).catch((error: unknown) => error),
    ]);
    expect(one).toStrictEqual(await portfolio(first.projects, first.constraints));
    expect(two).toStrictEqual(await portfolio(second.projects, second.constraints));
    expect(one.objective).not.toBe(two.objective);
    // The third call fails on its own, without disturbing the other two.
    expect(three).toBeInstanceOf(InputError);
    expect((three as InputError).message).toMatch(/^field "budget": no project can be funded/);
  });

  test("closePortfolioWorker() rejects the calls still waiting, and the next call starts a new worker", async () => {
    const { projects, constraints } = randomPipeline(31, 30);
    const waiting = portfolioInWorker(projects, constraints).catch((error: unknown) => error);
    await closePortfolioWorker();
    const error = await waiting;
    expect(error).toBeInstanceOf(PlacefirstError);
    expect((error as PlacefirstError).message).toBe(
      "portfolio: the worker was closed before it answered",
    );
    await expect(portfolioInWorker(projects, constraints)).resolves.toStrictEqual(
      await portfolio(projects, constraints),
    );
    // Closing twice, or with no worker, does nothing.
    await closePortfolioWorker();
    await closePortfolioWorker();
  });
});
