import { parentPort } from "node:worker_threads";
import { InputError, type InputLocation } from "../core/errors.js";
import {
  portfolio,
  type PortfolioConstraints,
  type PortfolioOptions,
  type PortfolioProject,
  type PortfolioResult,
} from "./methods/portfolio.js";

/** One call of `portfolio`, as the main thread sends it to the worker. */
export interface PortfolioRequest {
  /** The request's id, unique among the requests sent to one worker. */
  id: number;
  /** The pipeline. */
  projects: readonly PortfolioProject[];
  /** The budgets and the constraint families. */
  constraints: PortfolioConstraints;
  /** The options, with `knownPlaces` as an array (an iterable may not survive the copy). */
  options: Omit<PortfolioOptions, "knownPlaces"> & { knownPlaces?: string[] };
}

/** An error thrown in the worker, as it is sent back: enough to throw it again as it was. */
export interface PortfolioWorkerError {
  /** The error's class name: "InputError", "PlacefirstError", "TypeError" and so on. */
  name: string;
  /** The message as thrown, with an InputError's location already in it. */
  message: string;
  /** The stack in the worker, when there was one. */
  stack?: string;
  /** An InputError's location. */
  location?: InputLocation;
}

/** The worker's answer to one request: the result, or the error it threw. */
export type PortfolioResponse =
  { id: number; result: PortfolioResult } | { id: number; error: PortfolioWorkerError };

/** What the main thread needs to throw an error again as the same class. */
function describeError(error: unknown): PortfolioWorkerError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(error instanceof InputError ? { location: { ...error.location } } : {}),
  };
}

async function answer(request: PortfolioRequest): Promise<PortfolioResponse> {
  try {
    const result = await portfolio(request.projects, request.constraints, request.options);
    return { id: request.id, result };
  } catch (error) {
    return { id: request.id, error: describeError(error) };
  }
}

// Requests are answered one at a time, in the order they came: a solve holds the thread anyway,
// and the queue keeps a later request from starting while an earlier one waits for the solver
// to load.
let queue: Promise<void> = Promise.resolve();
const port = parentPort;
if (port === null) throw new Error("portfolioWorkerEntry: expected to run in a worker thread");
port.on("message", (request: PortfolioRequest) => {
  queue = queue.then(async () => {
    const response = await answer(request);
    try {
      port.postMessage(response);
    } catch (error) {
      // A result that cannot be copied back still answers its request.
      port.postMessage({ id: request.id, error: describeError(error) });
    }
  });
});
