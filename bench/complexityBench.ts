import { Random } from "../src/demo/random.js";
import { kernelRunner } from "../src/profile/kernelWorker.js";
import { complexity } from "../src/profile/methods/complexity.js";

/** What the economic complexity benchmark measured at one size. */
export interface ComplexityBenchSize {
  places: number;
  industries: number;
  /** The median of the timed runs of the full set (RCA to COG), in seconds. */
  medianSeconds: number;
  /** Each timed run, in seconds. */
  runs: number[];
  /** The share of place-industry pairs present (RCA at least 1). */
  presenceShare: number;
  /** The process's peak resident memory after this size, in MB. */
  peakMemoryMb: number;
}

/**
 * A seeded, heavy-tailed place x industry employment matrix like real ones: place sizes and
 * industry sizes are lognormal, each cell varies lognormally around their product, and about 30%
 * of cells are structural zeros, more often where an industry is more sophisticated than a place
 * is capable, which gives the nested structure that economic complexity measures.
 */
export function complexityBenchMatrix(places: number, industries: number, seed = 7): Float64Array {
  const random = new Random(seed);
  const placeSize = Float64Array.from({ length: places }, () => Math.exp(random.normal(9, 1.3)));
  const capability = Float64Array.from({ length: places }, () => random.next());
  const industrySize = Float64Array.from({ length: industries }, () =>
    Math.exp(random.normal(0, 1.2)),
  );
  const sophistication = Float64Array.from({ length: industries }, () => random.next());
  const employment = new Float64Array(places * industries);
  for (let place = 0; place < places; place++) {
    for (let industry = 0; industry < industries; industry++) {
      // A logistic in (sophistication - capability), scaled to give about 30% zeros overall.
      const zeroChance =
        0.6 / (1 + Math.exp(-6 * (sophistication[industry]! - capability[place]!)));
      employment[place * industries + industry] =
        random.next() < zeroChance
          ? 0
          : Math.round(placeSize[place]! * industrySize[industry]! * Math.exp(random.normal(0, 1)));
    }
  }
  return employment;
}

/**
 * The full economic complexity set (RCA, presence, ECI, PCI, proximity, density, COI, COG) at
 * 400 x 600, 3,000 x 1,000 and 10,000 x 1,000 places x industries, median of `repeats` runs
 * after one warm-up run. Targets: under 0.5 s at 3,000 x 1,000 and under 2 s at 10,000 x 1,000,
 * peak memory under 1 GB, on two cores.
 */
export function complexityBench(repeats = 3): { sizes: ComplexityBenchSize[] } {
  const sizes: ComplexityBenchSize[] = [];
  // Both cores, as the command line and the pages use them: the density sweep shared with a
  // worker thread.
  const parallel = kernelRunner();
  for (const [places, industries] of [
    [400, 600],
    [3_000, 1_000],
    [10_000, 1_000],
  ] as const) {
    const employment = complexityBenchMatrix(places, industries);
    const warmUp = complexity(employment, places, industries, { parallel });
    let present = 0;
    for (const value of warmUp.presence) present += value;
    const runs: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      const started = process.hrtime.bigint();
      complexity(employment, places, industries, { parallel });
      runs.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    sizes.push({
      places,
      industries,
      medianSeconds: sorted[Math.floor(sorted.length / 2)]!,
      runs,
      presenceShare: present / (places * industries),
      peakMemoryMb: process.resourceUsage().maxRSS / 1024,
    });
  }
  return { sizes };
}
