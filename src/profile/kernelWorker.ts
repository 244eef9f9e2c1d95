import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  sharedKernelModule,
  type ComplexityKernelInstance,
  type ComplexityKernels,
  type KernelRunner,
} from "./methods/complexityKernels.js";

// The worker's whole program. It is sent the shared-memory kernels and their memory once, keeps
// them, and for each batch of calls runs them and says so through a shared flag (1 done,
// 2 failed) that the caller waits on.
const workerSource = `
const { parentPort } = require("node:worker_threads");
let kernels;
parentPort.on("message", (message) => {
  if (message.module !== undefined) {
    kernels = new WebAssembly.Instance(message.module, { env: { memory: message.memory } }).exports;
    return;
  }
  const signal = new Int32Array(message.flag);
  try {
    for (const [name, ...args] of message.calls) kernels[name](...args);
    Atomics.store(signal, 0, 1);
  } catch {
    Atomics.store(signal, 0, 2);
  }
  Atomics.notify(signal, 0);
});
`;

const pageBytes = 65_536;
// How long the caller waits for the worker before doing its share itself.
const waitMilliseconds = 60_000;

let runner: KernelRunner | null | undefined;

/**
 * A second thread for the complexity kernels: one worker, started on first use and kept, that
 * does not keep the process alive, over one shared memory that grows to the largest matrix
 * seen and is kept for the next. Undefined with one core (a second thread would only take turns
 * with the first), or without worker threads or WebAssembly threads.
 */
export function kernelRunner(): KernelRunner | undefined {
  if (runner === undefined) runner = startRunner();
  return runner ?? undefined;
}

function startRunner(): KernelRunner | null {
  try {
    if (typeof SharedArrayBuffer === "undefined" || availableParallelism() < 2) return null;
    const module = sharedKernelModule();
    if (module === undefined) return null;
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65_536, shared: true });
    // Growing a shared memory shows in every thread's instance; no new instance is needed.
    const local = new WebAssembly.Instance(module, { env: { memory } });
    const worker = new Worker(workerSource, { eval: true });
    worker.unref();
    let alive = true;
    worker.on("error", () => (alive = false));
    worker.on("exit", () => (alive = false));
    worker.postMessage({ module, memory });
    return {
      sharedKernels(bytes: number): ComplexityKernelInstance | undefined {
        const pages = Math.ceil(bytes / pageBytes);
        const have = memory.buffer.byteLength / pageBytes;
        if (pages > have) {
          try {
            memory.grow(pages - have);
          } catch {
            return undefined;
          }
        }
        return { memory, kernels: local.exports as unknown as ComplexityKernels };
      },
      start(calls) {
        const flag = new SharedArrayBuffer(4);
        const signal = new Int32Array(flag);
        if (alive) worker.postMessage({ calls, flag });
        return {
          wait(): boolean {
            if (!alive) return false;
            Atomics.wait(signal, 0, 0, waitMilliseconds);
            return Atomics.load(signal, 0) === 1;
          },
        };
      },
    };
  } catch {
    return null;
  }
}
