import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Random } from "../src/demo/random.js";
import { readBallotFile } from "../src/participation/ballotFile.js";
import type { RankedBallot, TallyMethod } from "../src/participation/methods/ballots.js";
import { runTally } from "../src/participation/methods/tally.js";

/** The median and every timed run of one measurement, in seconds. */
export interface TallyTiming {
  medianSeconds: number;
  runs: number[];
}

/** What the tally benchmark measured. */
export interface TallyBenchResult {
  /** Data rows in the generated file, one ballot each. */
  ballots: number;
  /** The options ranked (A to T). */
  options: number;
  /** The size of the generated CSV, in MB. */
  fileMb: number;
  /** How many distinct ballots the million add up to: the entries the tally counts. */
  distinctBallots: number;
  /** How many rows the most common ballot has. */
  largestBallotCount: number;
  /** Timed runs of each measurement. */
  repeats: number;
  /** Reading and aggregating the file with `readBallotFile`. */
  read: TallyTiming;
  /** Each ranked method on the aggregated ballots, through `runTally`. */
  methods: (TallyTiming & { method: TallyMethod; winner: string | null })[];
  /** Reading the file and counting it by Schulze, one timed span per run: the 2 s target. */
  endToEnd: TallyTiming;
  /** The peak resident memory of the process that read and counted the file, in MB. */
  peakMemoryMb: number;
  /** Schulze on a million ballots that are all different, so nothing can be aggregated. */
  worstCase: TallyTiming & { ballots: number; distinctBallots: number; peakMemoryMb: number };
}

const ballotCount = 1_000_000;
const optionIds = Array.from({ length: 20 }, (_, index) => String.fromCharCode(65 + index));
const rankedMethods: readonly TallyMethod[] = ["schulze", "ranked-pairs", "irv", "borda"];

/**
 * Writes a ranked ballots CSV of a million rows over 20 options (A to T), deterministically.
 * Voters hold one of 36 opinions, orders of the options in four factions (a faction's opinions
 * differ from its base order by a few swaps), the commoner opinions far commoner (weights 1/k).
 * Each ballot then swaps a few neighbouring preferences, ranks only its first few options (most
 * rank 2 to 10, one in twenty all 20) and now and then ranks two neighbours equal, written in the
 * order the voter thought of them (`D=B`), so that reading has to put them in order. One ballot
 * in two hundred is written with spaces around the `>`, as hand-made files are.
 *
 * @param path the file to write (`count,ranking`, every count 1).
 * @param seed the seed of the generator; the same seed writes the same file.
 */
export async function writeRankedBallotFile(path: string, seed: number): Promise<void> {
  const random = new Random(seed);
  const factions = Array.from({ length: 4 }, () => random.shuffle(optionIds));
  const opinions = Array.from({ length: 36 }, (_, index) => {
    const order = factions[index % factions.length]!.slice();
    const swaps = index < factions.length ? 0 : random.integer(2, 6);
    for (let swap = 0; swap < swaps; swap++) swapNeighbours(order, random.integer(0, 18));
    return order;
  });
  // Cumulative weights 1/k, so the first opinions are held by many and the last by few.
  const cumulative: number[] = [];
  let total = 0;
  for (let index = 0; index < opinions.length; index++) {
    total += 1 / (index + 1);
    cumulative.push(total);
  }
  const stream = createWriteStream(path);
  stream.write("count,ranking\n");
  let buffer = "";
  for (let row = 1; row <= ballotCount; row++) {
    const drawn = random.next() * total;
    let opinion = 0;
    while (cumulative[opinion]! < drawn) opinion++;
    const order = opinions[opinion]!.slice();
    const length = ballotLength(random);
    // Noise falls where the voter ranks; preferences they left out do not change the ballot.
    while (random.next() < 0.6) swapNeighbours(order, random.integer(0, Math.max(0, length - 2)));
    const groups: string[][] = order.slice(0, length).map((option) => [option]);
    let merges = random.next() < 0.12 ? (random.next() < 0.2 ? 2 : 1) : 0;
    while (merges-- > 0 && groups.length > 1) {
      const at = random.integer(0, groups.length - 2);
      groups.splice(at, 2, [...groups[at]!, ...groups[at + 1]!]);
    }
    const separator = random.next() < 0.005 ? " > " : ">";
    buffer += `1,${groups.map((group) => group.join("=")).join(separator)}\n`;
    if (row % 50_000 === 0) {
      if (!stream.write(buffer)) await once(stream, "drain");
      buffer = "";
    }
  }
  stream.end(buffer);
  await once(stream, "finish");
}

// How many options a voter ranks: most a handful, some a dozen, a few all twenty.
function ballotLength(random: Random): number {
  const draw = random.next();
  if (draw < 0.04) return 1;
  if (draw < 0.6) return random.integer(2, 5);
  if (draw < 0.85) return random.integer(6, 10);
  if (draw < 0.95) return random.integer(11, 19);
  return 20;
}

function swapNeighbours(order: string[], at: number): void {
  if (at + 1 >= order.length) return;
  const first = order[at]!;
  order[at] = order[at + 1]!;
  order[at + 1] = first;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timing(runs: number[]): TallyTiming {
  return { medianSeconds: median(runs), runs };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

type FilePhase = Omit<TallyBenchResult, "fileMb" | "worstCase">;

/**
 * The file phase, in a child process: each run reads and aggregates the file, counts it by
 * Schulze (read and count together are the end-to-end span), then by the other ranked methods.
 */
async function measureFile(path: string, repeats: number): Promise<FilePhase> {
  const read: number[] = [];
  const endToEnd: number[] = [];
  const methodRuns = new Map<TallyMethod, number[]>(rankedMethods.map((method) => [method, []]));
  const winners = new Map<TallyMethod, string | null>();
  let distinctBallots = 0;
  let largestBallotCount = 0;
  let rows = 0;
  for (let repeat = 1; repeat <= repeats; repeat++) {
    process.stderr.write(`  reading and counting, run ${repeat} of ${repeats}…\n`);
    const started = process.hrtime.bigint();
    const file = await readBallotFile(path, "ranked");
    const readSeconds = seconds(started);
    const schulzeStarted = process.hrtime.bigint();
    const schulze = runTally("schulze", file.ballots, file.options);
    const schulzeSeconds = seconds(schulzeStarted);
    endToEnd.push(seconds(started));
    read.push(readSeconds);
    methodRuns.get("schulze")!.push(schulzeSeconds);
    winners.set("schulze", schulze.winner);
    for (const method of rankedMethods) {
      if (method === "schulze") continue;
      const methodStarted = process.hrtime.bigint();
      const result = runTally(method, file.ballots, file.options);
      methodRuns.get(method)!.push(seconds(methodStarted));
      winners.set(method, result.winner);
    }
    const ballots = file.ballots.ballots as readonly RankedBallot[];
    const counted = ballots.reduce((sum, ballot) => sum + ballot.count, 0);
    if (file.rows !== ballotCount || counted !== ballotCount) {
      throw new Error(`read ${file.rows} rows adding up to ${counted} ballots, not ${ballotCount}`);
    }
    distinctBallots = ballots.length;
    largestBallotCount = ballots.reduce((largest, ballot) => Math.max(largest, ballot.count), 0);
    rows = file.rows;
  }
  return {
    ballots: rows,
    options: optionIds.length,
    distinctBallots,
    largestBallotCount,
    repeats,
    read: timing(read),
    methods: rankedMethods.map((method) => ({
      method,
      winner: winners.get(method) ?? null,
      ...timing(methodRuns.get(method)!),
    })),
    endToEnd: timing(endToEnd),
    peakMemoryMb: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * The worst case, in a child process: a million complete rankings, all different, held in
 * memory without aggregation, counted by Schulze. A complete ranking is the most work per ballot
 * for the pairwise matrix.
 */
function measureWorstCase(repeats: number): TallyBenchResult["worstCase"] {
  process.stderr.write("  generating a million distinct complete rankings…\n");
  const random = new Random(20261128);
  const seen = new Set<string>();
  const ballots: RankedBallot[] = [];
  while (ballots.length < ballotCount) {
    const order = random.shuffle(optionIds);
    const key = order.join(">");
    if (seen.has(key)) continue;
    seen.add(key);
    ballots.push({ count: 1, ranking: order.map((option) => [option]) });
  }
  const distinctBallots = seen.size;
  seen.clear();
  const runs: number[] = [];
  for (let repeat = 1; repeat <= repeats; repeat++) {
    process.stderr.write(`  Schulze on the distinct ballots, run ${repeat} of ${repeats}…\n`);
    const started = process.hrtime.bigint();
    runTally("schulze", { kind: "ranked", ballots }, optionIds);
    runs.push(seconds(started));
  }
  return {
    ballots: ballots.length,
    distinctBallots,
    ...timing(runs),
    peakMemoryMb: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * A million ranked ballots over 20 options: reading and aggregating the CSV, each ranked method
 * on the aggregated ballots, and read plus Schulze end to end (target: under 2 s); then Schulze on
 * a million distinct ballots in memory, the worst case. Each phase runs in a process of its own,
 * so that its peak memory is its own.
 */
export async function tallyBench(repeats = 3): Promise<TallyBenchResult> {
  const folder = mkdtempSync(join(tmpdir(), "placefirst-bench-ballots-"));
  try {
    const path = join(folder, "ballots.csv");
    process.stderr.write(`Generating ${ballotCount.toLocaleString("en-GB")} ranked ballots…\n`);
    await writeRankedBallotFile(path, 20261128);
    const fileMb = statSync(path).size / 1e6;
    const child = fileURLToPath(import.meta.url);
    const runChild = (args: string[]): unknown => {
      const output = execFileSync(process.execPath, [child, ...args], {
        encoding: "utf8",
        maxBuffer: 1024 * 1024,
      });
      return JSON.parse(output.trim().split("\n").at(-1)!);
    };
    const filePhase = runChild(["file", path, String(repeats)]) as FilePhase;
    const worstCase = runChild(["worst", String(repeats)]) as TallyBenchResult["worstCase"];
    return { ...filePhase, fileMb, worstCase };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Run as a child of tallyBench: `node tallyBench.js file <path> <repeats>` or `worst <repeats>`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [phase, ...args] = process.argv.slice(2);
  const result =
    phase === "file"
      ? await measureFile(args[0]!, Number(args[1]))
      : measureWorstCase(Number(args[0]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
