import { Worker } from "node:worker_threads";
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  PlacefirstError,
  UnauthorisedError,
} from "../core/errors.js";
import type {
  PortfolioConstraints,
  PortfolioOptions,
  PortfolioProject,
  PortfolioResult,
} from "./methods/portfolio.js";
import type {
  PortfolioRequest,
  PortfolioResponse,
  PortfolioWorkerError,
} from "./portfolioWorkerEntry.js";

// Run from TypeScript sources (under vitest), the worker cannot load the `.ts` entry by itself:
// Node 20 neither strips types nor maps the sources' `.js` imports to `.ts` files. This program
// starts the worker with module hooks that do both, compiling each file with the project's
// TypeScript, and then loads the entry. The compiled build in dist/ starts the `.js` entry
// directly and never uses it.
const typeScriptHooks = `
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
let typescript;
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith("./") || specifier.startsWith("../");
    if (relative && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
      return nextResolve(specifier.slice(0, -3) + ".ts", context);
    }
    throw error;
  }
}
export async function load(url, context, nextLoad) {
  if (!(url.startsWith("file:") && url.endsWith(".ts"))) return nextLoad(url, context);
  typescript ??= createRequire(url)("typescript");
  const source = await readFile(new URL(url), "utf8");
  const { outputText } = typescript.transpileModule(source, {
    fileName: url,
    compilerOptions: {
      module: typescript.ModuleKind.ESNext,
      target: typescript.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
  });
  return { format: "module", source: outputText, shortCircuit: true };
}
`;

const typeScriptBootstrap = `
const { register } = require("node:module");
const { workerData } = require("node:worker_threads");
register("data:text/javascript," + encodeURIComponent(workerData.hooks));
import(workerData.entry).catch((error) => {
  setImmediate(() => {
    throw error;
  });
});
`;

interface Pending {
  resolve: (result: PortfolioResult) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

/**
 * Runs `portfolio` in a worker thread, so that a large solve does not block the caller's
 * event loop (a web server's, say). One worker is started on the first call and kept for the
 * next; calls are queued and answered one at a time, in order. The worker keeps the process
 * alive only while a call is waiting for it.
 *
 * The projects, constraints and options are copied to the worker (`knownPlaces` as an array), and
 * the result back. An error thrown in the worker is thrown again here as the same class
 * (`InputError` with its location, the other Placefirst errors, the built-in ones) with the same
 * message; any other class arrives as an `Error` of the same name.
 *
 * @param projects the pipeline, as for `portfolio`.
 * @param constraints the budgets and the constraint families, as for `portfolio`.
 * @param options the gap tolerance, the time limit and the known places, as for `portfolio`.
 * @returns the result `portfolio` gives for the same arguments.
 * @throws what `portfolio` throws; PlacefirstError when the worker fails or is closed while
 *   the call waits.
 */
export async function portfolioInWorker(
  projects: readonly PortfolioProject[],
  constraints: PortfolioConstraints,
  options: PortfolioOptions = {},
): Promise<PortfolioResult> {
  const { knownPlaces, ...rest } = options;
  const request: PortfolioRequest = {
    id: nextId++,
    projects,
    constraints,
    options: knownPlaces === undefined ? rest : { ...rest, knownPlaces: [...knownPlaces] },
  };
  const running = startedWorker();
  return new Promise<PortfolioResult>((resolve, reject) => {
    // Posting copies the request at once, so arguments that cannot be copied throw here.
    running.postMessage(request);
    pending.set(request.id, { resolve, reject });
    running.ref();
  });
}

/**
 * Stops the worker that {@link portfolioInWorker} started, if any; calls still waiting are
 * rejected with a PlacefirstError. The next call starts a new worker. For tests and shutdown.
 */
export async function closePortfolioWorker(): Promise<void> {
  const running = worker;
  if (running === undefined) return;
  worker = undefined;
  failPending(new PlacefirstError("portfolio: the worker was closed before it answered"));
  await running.terminate();
}

function startedWorker(): Worker {
  if (worker !== undefined) return worker;
  const started = startWorker();
  // Idle, the worker does not keep the process alive; it is referenced while calls wait.
  started.unref();
  started.on("message", (response: PortfolioResponse) => {
    const call = pending.get(response.id);
    if (call === undefined) return;
    pending.delete(response.id);
    if (pending.size === 0) started.unref();
    if ("error" in response) call.reject(rebuildError(response.error));
    else call.resolve(response.result);
  });
  // A worker that fails or stops is dropped, with the calls it held; the next call starts anew.
  const stop = (error: PlacefirstError) => {
    if (worker !== started) return;
    worker = undefined;
    failPending(error);
    void started.terminate();
  };
  started.on("error", (error: Error) =>
    stop(new PlacefirstError(`portfolio: the worker failed: ${error.message}`, { cause: error })),
  );
  started.on("messageerror", (error: Error) =>
    stop(new PlacefirstError(`portfolio: the worker's answer could not be read: ${error.message}`)),
  );
  started.on("exit", (code: number) =>
    stop(new PlacefirstError(`portfolio: the worker stopped (exit code ${code})`)),
  );
  worker = started;
  return started;
}

/**
 * The worker, from the compiled `.js` entry beside this module, or from the `.ts` entry through
 * the TypeScript hooks when this module is itself run from its TypeScript source.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL("./portfolioWorkerEntry.js", import.meta.url));
  }
  return new Worker(typeScriptBootstrap, {
    eval: true,
    workerData: {
      hooks: typeScriptHooks,
      entry: new URL("./portfolioWorkerEntry.ts", import.meta.url).href,
    },
  });
}

function failPending(error: Error): void {
  const calls = [...pending.values()];
  pending.clear();
  for (const call of calls) call.reject(error);
}

// The classes an error may be thrown again as, by name. A Map rather than an object, so that a
// name such as "constructor" finds nothing.
const errorClasses = new Map<string, new (message: string) => Error>([
  ["PlacefirstError", PlacefirstError],
  ["NotFoundError", NotFoundError],
  ["ForbiddenError", ForbiddenError],
  ["UnauthorisedError", UnauthorisedError],
  ["ConflictError", ConflictError],
  ["Error", Error],
  ["TypeError", TypeError],
  ["RangeError", RangeError],
  ["SyntaxError", SyntaxError],
  ["ReferenceError", ReferenceError],
  ["EvalError", EvalError],
  ["URIError", URIError],
]);

/** The error the worker threw, as the same class with the same message (and location). */
function rebuildError(sent: PortfolioWorkerError): Error {
  let error: Error;
  if (sent.name === "InputError") {
    // InputError's constructor writes the location into the message, which already has it.
    error = new InputError("", sent.location ?? {});
    error.message = sent.message;
  } else {
    const ErrorClass = errorClasses.get(sent.name) ?? Error;
    error = new ErrorClass(sent.message);
    if (error.name !== sent.name) error.name = sent.name;
  }
  // The worker's stack says where the error was thrown; the frames here only say "a message".
  if (sent.stack !== undefined) {
    const frames = sent.stack.split("\n").filter((line) => line.startsWith("    at "));
    error.stack = [`${error.name}: ${error.message}`, ...frames].join("\n");
  }
  return error;
}
