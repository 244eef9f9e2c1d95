import { Random } from "../../demo/random.js";
import { compileFramework, type CompiledFramework } from "./compileFramework.js";
import { checkCompositeInput } from "./compositeIndex.js";
import { dirichletVariate } from "./gammaVariate.js";
import { normaliseColumns } from "./normaliseColumns.js";
import { placeCoverage } from "./placeCoverage.js";
import { prepareForAggregation } from "./prepareForAggregation.js";
import { rankRecorder } from "./rankRecorder.js";
import { rankScoresInto } from "./rankScores.js";
import { createScoringWorkspace, scoreFramework } from "./scoreFramework.js";
import type {
  Aggregation,
  CompositeInput,
  CompositeOptions,
  Imputation,
  Normalisation,
} from "./types.js";

/** An assumption of a composite index that the uncertainty analysis can vary. */
export type UncertainAssumption = "weights" | "normalisation" | "aggregation" | "imputation";

/** What {@link rankUncertainty} varies, how often, and whether it apportions the variance. */
export interface UncertaintyOptions {
  /**
   * The number of model evaluations (each a full re-scoring and re-ranking of every place).
   * Without `sensitivity` every evaluation is an independent Monte Carlo draw. With it, the
   * Saltelli design uses N = floor(replications / (k + 2)) base samples for k uncertain
   * assumptions, so N (k + 2) evaluations, never more than asked; N must be at least 2.
   */
  replications: number;
  /** The seed of the xoshiro128** generator; any safe integer. The same seed gives the same result. */
  seed: number;
  /**
   * How the weights are drawn; omitted, they stay as given. Every goal and indicator weight is
   * perturbed, at every level.
   *
   * - `uniform`: each weight is multiplied by an independent U(1 - relativeRange,
   *   1 + relativeRange) factor; `relativeRange` from 0 (no change) to 1.
   * - `dirichlet`: within each goal (and among the top-level goals) the children's weights,
   *   taken as shares w_i of their sum, are drawn from a Dirichlet distribution with
   *   alpha_i = concentration * w_i, whose mean is the chosen shares; the larger the
   *   concentration (positive), the tighter the draws. The drawn shares are scaled back to the
   *   group's total.
   */
  weights?:
    { kind: "uniform"; relativeRange: number } | { kind: "dirichlet"; concentration: number };
  /** Normalisations to draw from, uniformly; omitted, the base one. Two or more make it uncertain. */
  normalisations?: readonly Normalisation[];
  /** Aggregations to draw from, uniformly; omitted, the base one. Two or more make it uncertain. */
  aggregations?: readonly Aggregation[];
  /** Imputations to draw from, uniformly; omitted, the base one. Two or more make it uncertain. */
  imputations?: readonly Imputation[];
  /** Also estimate first-order and total sensitivity indices of the ranks; default false. */
  sensitivity?: boolean;
}

/** The distribution of each place's rank over the Monte Carlo replications. */
export interface UncertaintyResult {
  /** The number of model evaluations run (see {@link UncertaintyOptions.replications}). */
  replications: number;
  /** The median rank of each place; NaN for places without a score. */
  medianRank: Float64Array;
  /** The 5th percentile of each place's rank (its best plausible rank). */
  rankLow: Float64Array;
  /** The 95th percentile of each place's rank (its worst plausible rank). */
  rankHigh: Float64Array;
  /**
   * For each uncertain assumption (weights, normalisation, aggregation, imputation, in that
   * order), the share of the variance of the places' ranks it explains alone (`firstOrder`) and
   * with its interactions (`total`): the variance-weighted average over places of each place's
   * Sobol' indices. Empty without `sensitivity`; NaN when no rank varies at all.
   */
  sensitivity: { assumption: UncertainAssumption; firstOrder: number; total: number }[];
}

/** One draw of every assumption: a weight per node and the alternative chosen for the rest. */
interface Sample {
  weights: Float64Array;
  normalisation: number;
  aggregation: number;
  imputation: number;
}

/**
 * Monte Carlo uncertainty and variance-based sensitivity analysis of the ranks of a composite
 * index (OECD/JRC Handbook 2008, step 7; Saisana, Saltelli and Tarantola 2005, "Uncertainty and
 * sensitivity analysis techniques as tools for the quality assessment of composite indicators",
 * JRSS A 168(2)). The assumptions marked uncertain are drawn at random, the index recomputed and
 * every place re-ranked; each place's median rank and 5-95% interval (type 7 quantiles, Hyndman
 * and Fan 1996) summarise how much its rank depends on the choices.
 *
 * With `sensitivity`, the samples follow Saltelli's design (Saltelli et al. 2010, "Variance based
 * sensitivity analysis of model output. Design and estimator for the total sensitivity index",
 * Computer Physics Communications 181(2)): two independent sample matrices A and B of N rows and,
 * for each assumption i, A with its i-th column taken from B. Each assumption is one group
 * factor: its column holds a whole weight set, or the index of an alternative chosen by a
 * uniform variate. For each place the first-order index uses Saltelli 2010's estimator (b),
 * V_i = mean(f(B) (f(A_B^i) - f(A))) with f(B) centred on the sample mean (which leaves its
 * expectation unchanged and cuts its variance), and the total index Jansen's (1999, "Analysis
 * of variance designs for model output", Computer Physics Communications 117) estimator,
 * E_i = mean((f(A) - f(A_B^i))^2) / 2, both divided by the rank's variance over A and B. The
 * indices reported are averages over places weighted by each place's rank variance,
 * sum_p V_ip / sum_p V_p, the generalised indices of Gamboa, Janon, Klein and Lagnoux (2014,
 * "Sensitivity analysis for multidimensional and functional outputs", Electronic Journal of
 * Statistics 8) for the vector of ranks: places whose rank never moves do not dilute them.
 * The rank intervals use every evaluation, all of which are draws from the joint distribution.
 *
 * The normalised matrix is computed once for each normalisation and imputation and prepared once
 * for each aggregation; a replication only re-weights, re-aggregates and re-ranks.
 *
 * @param input Places by indicators, and the framework with its chosen weights.
 * @param base The base method choices, used for every assumption not varied.
 * @param options What to vary, how many evaluations, the seed.
 * @returns Rank statistics per place and sensitivity indices per uncertain assumption.
 * @throws RangeError for bad options, or anything {@link compositeIndex} throws for.
 */
export function rankUncertainty(
  input: CompositeInput,
  base: CompositeOptions,
  options: UncertaintyOptions,
): UncertaintyResult {
  checkCompositeInput(input, base.minimumCoverage);
  checkOptions(options);
  const { placeCount, indicatorIds, values } = input;
  const framework = compileFramework(input.goals, indicatorIds);
  const coverage = placeCoverage(values, placeCount, indicatorIds.length, framework.leafColumns);
  const screened = Uint8Array.from(coverage, (share) => (share >= base.minimumCoverage ? 0 : 1));

  const normalisations = options.normalisations ?? [base.normalisation];
  const aggregations = options.aggregations ?? [base.aggregation];
  const imputations = options.imputations ?? [base.imputation];
  const factors: UncertainAssumption[] = [];
  if (options.weights !== undefined) factors.push("weights");
  if (normalisations.length > 1) factors.push("normalisation");
  if (aggregations.length > 1) factors.push("aggregation");
  if (imputations.length > 1) factors.push("imputation");

  // Every normalisation and imputation is applied up front, so a bad alternative fails at once
  // rather than when (or if) it is first drawn.
  const normalised = normalisations.map((normalisation) =>
    imputations.map((imputation) =>
      normaliseColumns(
        values,
        placeCount,
        indicatorIds.length,
        framework,
        screened,
        normalisation,
        imputation,
      ),
    ),
  );
  const prepared = new Map<number, Float64Array>();
  const preparedFor = (sample: Sample): Float64Array => {
    const key =
      (sample.normalisation * imputations.length + sample.imputation) * aggregations.length +
      sample.aggregation;
    let matrix = prepared.get(key);
    if (matrix === undefined) {
      matrix = prepareForAggregation(
        normalised[sample.normalisation]![sample.imputation]!,
        framework.leaves.length,
        placeCount,
        normalisations[sample.normalisation]!,
        aggregations[sample.aggregation]!,
      );
      prepared.set(key, matrix);
    }
    return matrix;
  };

  const workspace = createScoringWorkspace(framework, placeCount);
  const order = Int32Array.from({ length: placeCount }, (_, index) => index);
  const evaluate = (sample: Sample, ranks: Float64Array): void => {
    scoreFramework(
      framework,
      preparedFor(sample),
      placeCount,
      aggregations[sample.aggregation]!,
      sample.weights,
      workspace,
    );
    rankScoresInto(workspace.overall, order, ranks);
  };
  const baseSample: Sample = {
    weights: framework.weights,
    normalisation: 0,
    aggregation: 0,
    imputation: 0,
  };

  // Nothing varies: every replication would rank the places as the base does.
  if (factors.length === 0) {
    const ranks = new Float64Array(placeCount);
    evaluate(baseSample, ranks);
    return {
      replications: options.replications,
      medianRank: ranks.slice(),
      rankLow: ranks.slice(),
      rankHigh: ranks.slice(),
      sensitivity: [],
    };
  }

  // Each assumption draws from its own stream, so adding or dropping one leaves the others'
  // draws unchanged.
  const random = new Random(options.seed);
  const streams = {
    weights: random.fork(),
    normalisation: random.fork(),
    aggregation: random.fork(),
    imputation: random.fork(),
  };
  const drawWeights = weightSampler(framework, options.weights);
  const draw = (into: Sample): void => {
    if (drawWeights !== undefined) drawWeights(streams.weights, into.weights);
    if (normalisations.length > 1) {
      into.normalisation = Math.floor(streams.normalisation.next() * normalisations.length);
    }
    if (aggregations.length > 1) {
      into.aggregation = Math.floor(streams.aggregation.next() * aggregations.length);
    }
    if (imputations.length > 1) {
      into.imputation = Math.floor(streams.imputation.next() * imputations.length);
    }
  };
  const newSample = (): Sample => ({
    ...baseSample,
    weights: drawWeights === undefined ? framework.weights : framework.weights.slice(),
  });

  const sensitivity = options.sensitivity === true;
  const baseCount = sensitivity
    ? Math.floor(options.replications / (factors.length + 2))
    : options.replications;
  if (sensitivity && baseCount < 2) {
    throw new RangeError(
      `rankUncertainty: ${options.replications} replications are too few for sensitivity ` +
        `indices of ${factors.length} assumptions; use at least ${2 * (factors.length + 2)}`,
    );
  }
  const evaluations = sensitivity ? baseCount * (factors.length + 2) : baseCount;
  const recorder = rankRecorder(placeCount, evaluations);
  const ranksA = new Float64Array(placeCount);

  if (!sensitivity) {
    const sample = newSample();
    for (let replication = 0; replication < evaluations; replication += 1) {
      draw(sample);
      evaluate(sample, ranksA);
      recorder.record(ranksA);
    }
    return { replications: evaluations, ...recorder.summary(), sensitivity: [] };
  }

  const ranksB = new Float64Array(placeCount);
  const ranksMixed = new Float64Array(placeCount);
  const sampleA = newSample();
  const sampleB = newSample();
  const mixed = newSample();
  const sums = saltelliSums(placeCount, factors.length);
  for (let row = 0; row < baseCount; row += 1) {
    draw(sampleA);
    draw(sampleB);
    evaluate(sampleA, ranksA);
    recorder.record(ranksA);
    evaluate(sampleB, ranksB);
    recorder.record(ranksB);
    sums.addBase(ranksA, ranksB);
    factors.forEach((factor, factorIndex) => {
      // A with the factor's column taken from B (Saltelli 2010's A_B^i).
      mixed.weights = factor === "weights" ? sampleB.weights : sampleA.weights;
      mixed.normalisation =
        factor === "normalisation" ? sampleB.normalisation : sampleA.normalisation;
      mixed.aggregation = factor === "aggregation" ? sampleB.aggregation : sampleA.aggregation;
      mixed.imputation = factor === "imputation" ? sampleB.imputation : sampleA.imputation;
      evaluate(mixed, ranksMixed);
      recorder.record(ranksMixed);
      sums.addMixed(factorIndex, ranksA, ranksB, ranksMixed);
    });
  }
  const indices = sums.indices(baseCount);
  return {
    replications: evaluations,
    ...recorder.summary(),
    sensitivity: factors.map((assumption, factorIndex) => ({
      assumption,
      firstOrder: indices.firstOrder[factorIndex]!,
      total: indices.total[factorIndex]!,
    })),
  };
}

function checkOptions(options: UncertaintyOptions): void {
  if (!Number.isSafeInteger(options.replications) || options.replications < 1) {
    throw new RangeError(
      `rankUncertainty: replications must be a positive whole number, got ${options.replications}`,
    );
  }
  const weights = options.weights;
  if (weights?.kind === "uniform" && !(weights.relativeRange >= 0 && weights.relativeRange <= 1)) {
    throw new RangeError(
      `rankUncertainty: relativeRange must be between 0 and 1, got ${weights.relativeRange}`,
    );
  }
  if (
    weights?.kind === "dirichlet" &&
    !(weights.concentration > 0 && Number.isFinite(weights.concentration))
  ) {
    throw new RangeError(
      `rankUncertainty: concentration must be positive, got ${weights.concentration}`,
    );
  }
  for (const [name, list] of [
    ["normalisations", options.normalisations],
    ["aggregations", options.aggregations],
    ["imputations", options.imputations],
  ] as const) {
    if (list !== undefined && list.length === 0) {
      throw new RangeError(`rankUncertainty: ${name} is empty; omit it to keep the base choice`);
    }
  }
}

/** A function that draws a weight per node into its second argument, or undefined for none. */
function weightSampler(
  framework: CompiledFramework,
  spec: UncertaintyOptions["weights"],
): ((random: Random, into: Float64Array) => void) | undefined {
  if (spec === undefined) return undefined;
  const base = framework.weights;
  if (spec.kind === "uniform") {
    const low = 1 - spec.relativeRange;
    const high = 1 + spec.relativeRange;
    return (random, into) => {
      for (let node = 0; node < base.length; node += 1) {
        into[node] = base[node]! * random.uniform(low, high);
      }
    };
  }
  // Dirichlet, sibling group by sibling group: the children of each goal, and the top-level goals.
  const groups = [...framework.goalChildren, framework.rootChildren].map((nodes) => {
    let total = 0;
    for (const node of nodes) total += base[node]!;
    return {
      nodes,
      total,
      alphas: Float64Array.from(nodes, (node) => (spec.concentration * base[node]!) / total),
      shares: new Float64Array(nodes.length),
    };
  });
  return (random, into) => {
    for (const group of groups) {
      if (!(group.total > 0)) {
        for (const node of group.nodes) into[node] = base[node]!;
        continue;
      }
      dirichletVariate(random, group.alphas, group.shares);
      group.nodes.forEach((node, position) => {
        into[node] = group.shares[position]! * group.total;
      });
    }
  };
}

/**
 * Running sums for the Saltelli-Jansen estimators, per place and factor. Ranks are whole numbers,
 * so every sum here is of integers well below 2^53 and exact whatever the order of addition.
 */
function saltelliSums(placeCount: number, factorCount: number) {
  const sum = new Float64Array(placeCount);
  const squareSum = new Float64Array(placeCount);
  const invalid = new Uint8Array(placeCount);
  const productSum = Array.from({ length: factorCount }, () => new Float64Array(placeCount));
  const differenceSum = Array.from({ length: factorCount }, () => new Float64Array(placeCount));
  const squaredDifferenceSum = Array.from(
    { length: factorCount },
    () => new Float64Array(placeCount),
  );
  return {
    addBase(ranksA: Float64Array, ranksB: Float64Array): void {
      for (let place = 0; place < placeCount; place += 1) {
        const a = ranksA[place]!;
        const b = ranksB[place]!;
        if (a !== a || b !== b) {
          invalid[place] = 1;
          continue;
        }
        sum[place] = sum[place]! + a + b;
        squareSum[place] = squareSum[place]! + a * a + b * b;
      }
    },
    addMixed(
      factor: number,
      ranksA: Float64Array,
      ranksB: Float64Array,
      ranksMixed: Float64Array,
    ): void {
      const products = productSum[factor]!;
      const differences = differenceSum[factor]!;
      const squaredDifferences = squaredDifferenceSum[factor]!;
      for (let place = 0; place < placeCount; place += 1) {
        const difference = ranksMixed[place]! - ranksA[place]!;
        if (difference !== difference) {
          invalid[place] = 1;
          continue;
        }
        products[place] = products[place]! + ranksB[place]! * difference;
        differences[place] = differences[place]! + difference;
        squaredDifferences[place] = squaredDifferences[place]! + difference * difference;
      }
    },
    indices(baseCount: number): { firstOrder: Float64Array; total: Float64Array } {
      const firstOrder = new Float64Array(factorCount);
      const total = new Float64Array(factorCount);
      let varianceTotal = 0;
      for (let place = 0; place < placeCount; place += 1) {
        if (invalid[place] === 1) continue;
        const mean = sum[place]! / (2 * baseCount);
        varianceTotal += (squareSum[place]! - sum[place]! * mean) / (2 * baseCount - 1);
      }
      for (let factor = 0; factor < factorCount; factor += 1) {
        let firstOrderTotal = 0;
        let totalEffectTotal = 0;
        for (let place = 0; place < placeCount; place += 1) {
          if (invalid[place] === 1) continue;
          const mean = sum[place]! / (2 * baseCount);
          // Saltelli 2010 (b) with f(B) centred: sum((f(B) - mean) d) = sum(f(B) d) - mean sum(d).
          firstOrderTotal +=
            (productSum[factor]![place]! - mean * differenceSum[factor]![place]!) / baseCount;
          // Jansen 1999: sum(d^2) / 2N.
          totalEffectTotal += squaredDifferenceSum[factor]![place]! / (2 * baseCount);
        }
        firstOrder[factor] = varianceTotal > 0 ? firstOrderTotal / varianceTotal : Number.NaN;
        total[factor] = varianceTotal > 0 ? totalEffectTotal / varianceTotal : Number.NaN;
      }
      return { firstOrder, total };
    },
  };
}
