import { describe, expect, test } from "vitest";
import { complexityKernels, KernelLayout } from "./complexityKernels.js";

describe("complexityKernels", () => {
  test("complexityKernels(bytes) assembles, validates and instantiates on Node", () => {
    // Node has WebAssembly with SIMD; were this undefined, the other tests would only exercise
    // the JavaScript loops.
    const instance = complexityKernels(1024);
    expect(instance).toBeDefined();
    expect(instance!.memory.buffer.byteLength).toBeGreaterThanOrEqual(1024);
    expect(Object.keys(instance!.kernels).sort()).toEqual([
      "cooccurrence",
      "densitySweep",
      "gatherScatter",
    ]);
  });

  test("cooccurrence counts common bits over several 64-bit words", () => {
    const layout = new KernelLayout();
    const bits = layout.reserve(3 * 2 * 8);
    const out = layout.reserve(9 * 4);
    const { memory, kernels } = complexityKernels(layout.bytes)!;
    const words = new BigUint64Array(memory.buffer, bits, 6);
    words.set([0b1011n, 1n << 63n, 0b0011n, (1n << 63n) | 1n, 0n, 1n]);
    kernels.cooccurrence(bits, 2, 3, out, 0, 3);
    expect(Array.from(new Int32Array(memory.buffer, out, 9))).toEqual([4, 3, 0, 3, 4, 1, 0, 1, 1]);
  });

  test("gatherScatter adds each row's scaled sum back to its entries", () => {
    const layout = new KernelLayout();
    const offsets = layout.reserve(3 * 4);
    const entries = layout.reserve(3 * 4);
    const scales = layout.reserve(2 * 8);
    const input = layout.reserve(3 * 8);
    const output = layout.reserve(3 * 8);
    const { memory, kernels } = complexityKernels(layout.bytes)!;
    // Row 0 lists columns 0 and 2, row 1 column 1; entries are byte offsets (8 per column).
    new Int32Array(memory.buffer, offsets, 3).set([0, 2, 3]);
    new Int32Array(memory.buffer, entries, 3).set([0, 16, 8]);
    new Float64Array(memory.buffer, scales, 2).set([0.5, 2]);
    new Float64Array(memory.buffer, input, 3).set([1, 10, 100]);
    kernels.gatherScatter(offsets, entries, scales, input, output, 0, 2);
    expect(Array.from(new Float64Array(memory.buffer, output, 3))).toEqual([50.5, 20, 50.5]);
  });

  test("KernelLayout aligns every array to 64 bytes", () => {
    const layout = new KernelLayout();
    expect(layout.reserve(3)).toBe(0);
    expect(layout.reserve(100)).toBe(64);
    expect(layout.bytes).toBe(192);
  });
});
