/**
 * The two hot loops of economic complexity as a small WebAssembly module, written here in a
 * readable form and assembled to bytes when first needed, so the project ships no opaque binary
 * and needs no compiler. Plain JavaScript cannot count bits with a machine instruction or add
 * two floating-point numbers at once; WebAssembly can (`i64.popcnt`, 128-bit SIMD), and on the
 * matrices of the benchmark this makes the co-occurrence counts and the density sweep about ten
 * times faster than the same loops over typed arrays. WebAssembly is a standard global of every
 * JavaScript engine Placefirst runs on; nothing here touches the file system or the network.
 * Where it is missing (V8's `--jitless` mode, for one), {@link complexityKernels} returns
 * undefined and the callers use their JavaScript loops, which give the same numbers.
 *
 * The binary format and the instruction set are those of the WebAssembly Core Specification 2.0
 * (W3C, 2022), https://www.w3.org/TR/wasm-core-2/, sections 5.1-5.5 (binary encoding) and
 * 5.4.8 (vector instructions).
 */

/** The functions of the instantiated module; every pointer is a byte offset into its memory. */
export interface ComplexityKernels {
  /**
   * For every pair of bit rows i <= j of a bit matrix with i in a range, the number of bits set
   * in both, written to `out[i * rows + j]` and `out[j * rows + i]` as 32-bit integers.
   *
   * @param bits the bit matrix, `rows` rows of `words` 64-bit words each (8-byte aligned).
   * @param words 64-bit words per row.
   * @param rows the number of rows.
   * @param out where the `rows * rows` counts go (4-byte aligned).
   * @param rowStart the first row i.
   * @param rowEnd one past the last row i.
   */
  cooccurrence(
    bits: number,
    words: number,
    rows: number,
    out: number,
    rowStart: number,
    rowEnd: number,
  ): void;
  /**
   * For each row p of a sparse 0/1 matrix held as lists and each block of 8 columns in a range,
   * the sums over its listed rows j of a dense matrix's row j, plain and weighted by `w_j`.
   *
   * @param matrix dense f64 rows, `rowStride` bytes apart (16-byte aligned).
   * @param rowStride bytes from one row of `matrix` to the next, a multiple of 64.
   * @param weights f64 weight `w_j` of each row j of `matrix`.
   * @param offsets i32 list offsets: row p's entries are `entries[offsets[p]..offsets[p + 1]]`.
   * @param entries i32 row indices j.
   * @param rowStart the first list row p.
   * @param rowEnd one past the last list row.
   * @param blockStart the first 8-column block.
   * @param blockEnd one past the last block.
   * @param sums where the plain sums go: row p's block b at
   *   `sums + (p - rowStart) * outStride + b * 64`.
   * @param weightedSums where the weighted sums go, likewise.
   * @param outStride bytes from one output row to the next.
   */
  densitySweep(
    matrix: number,
    rowStride: number,
    weights: number,
    offsets: number,
    entries: number,
    rowStart: number,
    rowEnd: number,
    blockStart: number,
    blockEnd: number,
    sums: number,
    weightedSums: number,
    outStride: number,
  ): void;
  /**
   * For each list row p in a range, the mean of `input` over its listed entries, added back to
   * `output` at each of them: `output += M' diag(scales) M input` restricted to those rows, with
   * `scales[p] = 1 / k_p` for the mean.
   *
   * @param offsets i32 list offsets: row p's entries are `entries[offsets[p]..offsets[p + 1]]`.
   * @param entries i32 byte offsets (8 times the column index) into `input` and `output`.
   * @param scales f64 factor for each row p.
   * @param input f64 vector the rows gather from.
   * @param output f64 vector the rows add to.
   * @param rowStart the first row p.
   * @param rowEnd one past the last row.
   */
  gatherScatter(
    offsets: number,
    entries: number,
    scales: number,
    input: number,
    output: number,
    rowStart: number,
    rowEnd: number,
  ): void;
}

/** A memory and the kernels bound to it. */
export interface ComplexityKernelInstance {
  /** The module's memory; views on `memory.buffer` stay valid because it never grows. */
  memory: WebAssembly.Memory;
  /** The kernels. */
  kernels: ComplexityKernels;
}

const pageBytes = 65_536;

let compiled: WebAssembly.Module | null | undefined;

/**
 * Instantiates the complexity kernels over a fresh memory of at least `bytes` bytes, or returns
 * undefined where WebAssembly (or its 128-bit SIMD) is not available. The module is compiled
 * once and kept; each call gets its own memory, freed with the returned object.
 *
 * @param bytes the memory the caller will lay its arrays out in.
 */
export function complexityKernels(bytes: number): ComplexityKernelInstance | undefined {
  if (compiled === undefined) compiled = compileKernels();
  if (compiled === null) return undefined;
  const pages = Math.max(1, Math.ceil(bytes / pageBytes));
  // 65,536 pages is the 4 GiB limit of a 32-bit memory.
  if (pages > 65_536) return undefined;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  return { memory, kernels: instance.exports as unknown as ComplexityKernels };
}

let compiledShared: WebAssembly.Module | null | undefined;

/**
 * A second thread for the kernels, over one shared memory that it keeps: the I/O side provides
 * it (a worker thread); pure methods only use it.
 */
export interface KernelRunner {
  /**
   * The runner's shared memory, grown to at least `bytes` bytes, and the shared-memory build of
   * the kernels bound to it on this thread; undefined when it cannot grow that far.
   */
  sharedKernels(bytes: number): ComplexityKernelInstance | undefined;
  /**
   * Starts `calls` (each a kernel's name and its arguments) on the other thread over the same
   * memory. The returned `wait` blocks until they are done and says whether they all ran; on
   * false the caller runs them itself.
   */
  start(calls: readonly (readonly [string, ...number[]])[]): { wait(): boolean };
}

/**
 * The shared-memory build of the kernels, compiled once; undefined without WebAssembly threads.
 */
export function sharedKernelModule(): WebAssembly.Module | undefined {
  if (compiledShared === undefined) compiledShared = compileKernels(true);
  return compiledShared ?? undefined;
}

/**
 * Lays arrays out one after another from byte 0, each aligned to a 64-byte cache line, and says
 * how many bytes the whole needs.
 */
export class KernelLayout {
  #end = 0;

  /** Reserves `bytes` bytes and returns their offset. */
  reserve(bytes: number): number {
    const offset = this.#end;
    this.#end += Math.ceil(bytes / 64) * 64;
    return offset;
  }

  /** The bytes reserved so far. */
  get bytes(): number {
    return this.#end;
  }
}

function compileKernels(shared = false): WebAssembly.Module | null {
  if (typeof WebAssembly === "undefined") return null;
  try {
    const bytes = assembleModule(
      [cooccurrenceKernel(), densitySweepKernel(), gatherScatterKernel()],
      shared,
    );
    if (!WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Module(bytes);
  } catch {
    // An engine without SIMD rejects the module; the JavaScript loops take over.
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding (Core Specification 5.1-5.2): unsigned and signed LEB128 integers, vectors, names.

function unsigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

function signed(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsigned(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsigned(content.length), ...content];
}

/** Value types (5.3.1). */
const i32 = 0x7f;
const i64 = 0x7e;
const f64 = 0x7c;
const v128 = 0x7b;
type ValueType = typeof i32 | typeof i64 | typeof f64 | typeof v128;

/** One exported function: its parameters (all i32 pointers and counts), locals and body. */
interface KernelFunction {
  name: string;
  parameters: number;
  locals: ValueType[];
  body: number[];
}

/**
 * A module that imports its memory as `env.memory` and exports each function under its name
 * (5.5: type, import, function, export and code sections, in that order).
 */
function assembleModule(functions: KernelFunction[], shared = false): Uint8Array<ArrayBuffer> {
  const types = functions.map((fn) => [
    0x60,
    ...vector(Array.from({ length: fn.parameters }, () => [i32])),
    ...vector([]),
  ]);
  // A shared memory (limits flag 0x03, with a maximum) lets a second thread run the kernels
  // over the same arrays (the threads proposal, in the core specification 3.0).
  const limits = shared ? [0x03, ...unsigned(1), ...unsigned(65_536)] : [0x00, ...unsigned(1)];
  const imports = vector([[...name("env"), ...name("memory"), 0x02, ...limits]]);
  const declarations = vector(functions.map((_, index) => unsigned(index)));
  const exports = vector(
    functions.map((fn, index) => [...name(fn.name), 0x00, ...unsigned(index)]),
  );
  const code = vector(
    functions.map((fn) => {
      const body = [...vector(fn.locals.map((type) => [1, type])), ...fn.body, 0x0b];
      return [...unsigned(body.length), ...body];
    }),
  );
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, imports),
    ...section(3, declarations),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Instructions (5.4). Each helper returns the bytes of one instruction; memory instructions take
// a constant byte offset added to the address on the stack.

const get = (local: number): number[] => [0x20, ...unsigned(local)];
const set = (local: number): number[] => [0x21, ...unsigned(local)];
const tee = (local: number): number[] => [0x22, ...unsigned(local)];
const constant = (value: number): number[] => [0x41, ...signed(value)];
const add = [0x6a];
const subtract = [0x6b];
const multiply = [0x6c];
const shiftLeft = [0x74];
const atLeast = [0x4f]; // i32.ge_u
const loadI32 = (offset = 0): number[] => [0x28, 2, ...unsigned(offset)];
const storeI32 = (offset = 0): number[] => [0x36, 2, ...unsigned(offset)];
const storeF64 = (offset = 0): number[] => [0x39, 3, ...unsigned(offset)];
const zeroF64 = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const addF64 = [0xa0];
const multiplyF64 = [0xa2];
const loadI64 = (offset = 0): number[] => [0x29, 3, ...unsigned(offset)];
const loadF64 = (offset = 0): number[] => [0x2b, 3, ...unsigned(offset)];
const zeroI64 = [0x42, 0x00];
const andI64 = [0x83];
const popcountI64 = [0x7b];
const addI64 = [0x7c];
const wrapI64 = [0xa7];
const loadV128 = (offset = 0): number[] => [0xfd, ...unsigned(0), 4, ...unsigned(offset)];
const storeV128 = (offset = 0): number[] => [0xfd, ...unsigned(11), 4, ...unsigned(offset)];
const zeroV128 = [0xfd, ...unsigned(12), ...new Array<number>(16).fill(0)];
const splatF64x2 = [0xfd, ...unsigned(20)];
const addF64x2 = [0xfd, ...unsigned(240)];
const multiplyF64x2 = [0xfd, ...unsigned(242)];
const block = [0x02, 0x40];
const loop = [0x03, 0x40];
const end = [0x0b];
const branch = (depth: number): number[] => [0x0c, ...unsigned(depth)];
const branchIf = (depth: number): number[] => [0x0d, ...unsigned(depth)];

/**
 * `for (counter = from; counter < limit; counter += step) body`, as a block around a loop: the
 * test at the top leaves the block, the branch at the bottom goes round again.
 */
function forLoop(
  counter: number,
  from: number[],
  limit: number[],
  step: number,
  body: number[],
): number[] {
  return [
    ...from,
    ...set(counter),
    ...block,
    ...loop,
    ...get(counter),
    ...limit,
    ...atLeast,
    ...branchIf(1),
    ...body,
    ...get(counter),
    ...constant(step),
    ...add,
    ...set(counter),
    ...branch(0),
    ...end,
    ...end,
  ];
}

/**
 * Co-occurrence counts by bitwise AND and population count:
 *
 * ```
 * for i in rowStart..rowEnd, j in i..rows:
 *   count = sum over w of popcount(bits[i][w] & bits[j][w])
 *   out[i][j] = out[j][i] = count
 * ```
 */
function cooccurrenceKernel(): KernelFunction {
  const [bits, words, rows, out, rowStart, rowEnd] = [0, 1, 2, 3, 4, 5];
  const [i, j, word, rowI, rowJ, end64, count] = [6, 7, 8, 9, 10, 11, 12];
  const rowBytes = [...get(words), ...constant(3), ...shiftLeft];
  const inner = forLoop(word, get(rowI), get(end64), 8, [
    ...get(word),
    ...loadI64(),
    ...get(rowJ),
    ...get(word),
    ...get(rowI),
    ...subtract,
    ...add,
    ...loadI64(),
    ...andI64,
    ...popcountI64,
    ...get(count),
    ...addI64,
    ...set(count),
  ]);
  const pair = [
    ...zeroI64,
    ...set(count),
    ...get(j),
    ...rowBytes,
    ...multiply,
    ...get(bits),
    ...add,
    ...set(rowJ),
    ...inner,
    // out[i * rows + j] and out[j * rows + i]
    ...get(i),
    ...get(rows),
    ...multiply,
    ...get(j),
    ...add,
    ...constant(2),
    ...shiftLeft,
    ...get(out),
    ...add,
    ...get(count),
    ...wrapI64,
    ...storeI32(),
    ...get(j),
    ...get(rows),
    ...multiply,
    ...get(i),
    ...add,
    ...constant(2),
    ...shiftLeft,
    ...get(out),
    ...add,
    ...get(count),
    ...wrapI64,
    ...storeI32(),
  ];
  const body = forLoop(i, get(rowStart), get(rowEnd), 1, [
    ...get(i),
    ...rowBytes,
    ...multiply,
    ...get(bits),
    ...add,
    ...tee(rowI),
    ...rowBytes,
    ...add,
    ...set(end64),
    ...forLoop(j, get(i), get(rows), 1, pair),
  ]);
  return {
    name: "cooccurrence",
    parameters: 6,
    locals: [i32, i32, i32, i32, i32, i32, i64],
    body,
  };
}

/**
 * The fused density and outlook sweep, eight columns at a time in registers:
 *
 * ```
 * for p in rowStart..rowEnd, b in blockStart..blockEnd:
 *   sum[0..8] = 0, weighted[0..8] = 0
 *   for each row j listed for p:
 *     sum[0..8] += matrix[j][8b..8b+8]
 *     weighted[0..8] += weights[j] * matrix[j][8b..8b+8]
 *   write sum and weighted to row p - rowStart, block b
 * ```
 *
 * Each entry reads one 64-byte cache line of the matrix and derives the weighted sum from it by
 * multiplication rather than reading a second matrix: the sweep is limited by how fast rows come
 * from cache, so a line read is dearer than the arithmetic. The caller passes one block at a
 * time, so that this 64-byte slice of every row stays in the processor's first- or second-level
 * cache while all rows p pass over it.
 */
function densitySweepKernel(): KernelFunction {
  const [matrix, rowStride, weights, offsets, entries, rowStart, rowEnd] = [0, 1, 2, 3, 4, 5, 6];
  const [blockStart, blockEnd, sums, weightedSums, outStride] = [7, 8, 9, 10, 11];
  const [p, blockIndex, entry, entryEnd, base, row, outAddress] = [12, 13, 14, 15, 16, 17, 18];
  const [weight, value] = [19, 20];
  const sum = [21, 22, 23, 24];
  const weighted = [25, 26, 27, 28];
  const perEntry = [
    // j = entries[e]; row = base + j * rowStride; weight = splat(weights[j])
    ...get(entry),
    ...loadI32(),
    ...tee(row),
    ...constant(3),
    ...shiftLeft,
    ...get(weights),
    ...add,
    ...loadF64(),
    ...splatF64x2,
    ...set(weight),
    ...get(row),
    ...get(rowStride),
    ...multiply,
    ...get(base),
    ...add,
    ...set(row),
    ...sum.flatMap((local, lane) => [
      ...get(row),
      ...loadV128(16 * lane),
      ...tee(value),
      ...get(local),
      ...addF64x2,
      ...set(local),
      ...get(value),
      ...get(weight),
      ...multiplyF64x2,
      ...get(weighted[lane]!),
      ...addF64x2,
      ...set(weighted[lane]!),
    ]),
  ];
  const perBlock = [
    ...[...sum, ...weighted].flatMap((local) => [...zeroV128, ...set(local)]),
    // base = matrix + block * 64
    ...get(blockIndex),
    ...constant(6),
    ...shiftLeft,
    ...get(matrix),
    ...add,
    ...set(base),
    ...forLoop(
      entry,
      [
        ...get(p),
        ...constant(2),
        ...shiftLeft,
        ...get(offsets),
        ...add,
        ...loadI32(),
        ...constant(2),
        ...shiftLeft,
        ...get(entries),
        ...add,
      ],
      get(entryEnd),
      4,
      perEntry,
    ),
    ...get(p),
    ...get(rowStart),
    ...subtract,
    ...get(outStride),
    ...multiply,
    ...get(blockIndex),
    ...constant(6),
    ...shiftLeft,
    ...add,
    ...set(outAddress),
    ...sum.flatMap((local, lane) => [
      ...get(outAddress),
      ...get(sums),
      ...add,
      ...get(local),
      ...storeV128(16 * lane),
    ]),
    ...weighted.flatMap((local, lane) => [
      ...get(outAddress),
      ...get(weightedSums),
      ...add,
      ...get(local),
      ...storeV128(16 * lane),
    ]),
  ];
  const body = forLoop(p, get(rowStart), get(rowEnd), 1, [
    // entryEnd = entries + offsets[p + 1] * 4
    ...get(p),
    ...constant(2),
    ...shiftLeft,
    ...get(offsets),
    ...add,
    ...loadI32(4),
    ...constant(2),
    ...shiftLeft,
    ...get(entries),
    ...add,
    ...set(entryEnd),
    ...forLoop(blockIndex, get(blockStart), get(blockEnd), 1, perBlock),
  ]);
  return {
    name: "densitySweep",
    parameters: 12,
    locals: [
      ...Array.from({ length: 7 }, (): ValueType => i32),
      ...Array.from({ length: 10 }, (): ValueType => v128),
    ],
    body,
  };
}

/**
 * One sparse product `output += M' diag(scales) M input` over a range of list rows, the
 * matrix-vector product behind the ECI/PCI eigenvector:
 *
 * ```
 * for p in rowStart..rowEnd:
 *   sum = scales[p] * (sum of input[j] over the entries j of p)
 *   for each entry j of p: output[j] += sum
 * ```
 */
function gatherScatterKernel(): KernelFunction {
  const [offsets, entries, scales, input, output, rowStart, rowEnd] = [0, 1, 2, 3, 4, 5, 6];
  const [p, entry, first, last, sum, target] = [7, 8, 9, 10, 11, 12];
  const body = forLoop(p, get(rowStart), get(rowEnd), 1, [
    // first = entries + offsets[p] * 4, last = entries + offsets[p + 1] * 4
    ...get(p),
    ...constant(2),
    ...shiftLeft,
    ...get(offsets),
    ...add,
    ...tee(last),
    ...loadI32(),
    ...constant(2),
    ...shiftLeft,
    ...get(entries),
    ...add,
    ...set(first),
    ...get(last),
    ...loadI32(4),
    ...constant(2),
    ...shiftLeft,
    ...get(entries),
    ...add,
    ...set(last),
    ...zeroF64,
    ...set(sum),
    ...forLoop(entry, get(first), get(last), 4, [
      ...get(entry),
      ...loadI32(),
      ...get(input),
      ...add,
      ...loadF64(),
      ...get(sum),
      ...addF64,
      ...set(sum),
    ]),
    ...get(sum),
    ...get(p),
    ...constant(3),
    ...shiftLeft,
    ...get(scales),
    ...add,
    ...loadF64(),
    ...multiplyF64,
    ...set(sum),
    ...forLoop(entry, get(first), get(last), 4, [
      ...get(entry),
      ...loadI32(),
      ...get(output),
      ...add,
      ...tee(target),
      ...get(target),
      ...loadF64(),
      ...get(sum),
      ...addF64,
      ...storeF64(),
    ]),
  ]);
  return {
    name: "gatherScatter",
    parameters: 7,
    locals: [i32, i32, i32, i32, f64, i32],
    body,
  };
}
