import type { Random } from "../../src/demo/random.js";
import type { RankedBallot } from "../../src/participation/methods/ballots.js";
import { pairwiseMatrix } from "../../src/participation/methods/pairwise.js";

/**
 * A ranked ballot from `A>C>B=D` notation: `>` separates groups, best first, and `=` joins
 * equally preferred options. The empty string is a ballot that ranks nothing.
 */
export function ballot(count: number, text: string): RankedBallot {
  return { count, ranking: text === "" ? [] : text.split(">").map((group) => group.split("=")) };
}

/**
 * Wikipedia's Tennessee capital example, used across its articles on voting methods: 100 voters
 * in four cities, each city's voters ranking the cities by distance. Nashville is the Condorcet
 * winner.
 */
export const tennessee: readonly RankedBallot[] = [
  ballot(42, "Memphis>Nashville>Chattanooga>Knoxville"),
  ballot(26, "Nashville>Chattanooga>Knoxville>Memphis"),
  ballot(15, "Chattanooga>Knoxville>Nashville>Memphis"),
  ballot(17, "Knoxville>Chattanooga>Nashville>Memphis"),
];

/** The options of {@link tennessee}. */
export const tennesseeCities: readonly string[] = [
  "Memphis",
  "Nashville",
  "Chattanooga",
  "Knoxville",
];

/**
 * The 45-voter, 5-option example (options A to E) of Wikipedia's "Schulze method" page, from
 * Schulze's papers. It has no Condorcet winner; Schulze elects E.
 */
export const schulzeExample: readonly RankedBallot[] = [
  ballot(5, "A>C>B>E>D"),
  ballot(5, "A>D>E>C>B"),
  ballot(8, "B>E>D>A>C"),
  ballot(3, "C>A>B>E>D"),
  ballot(7, "C>A>E>B>D"),
  ballot(2, "C>B>A>D>E"),
  ballot(7, "D>C>E>B>A"),
  ballot(8, "E>B>A>D>C"),
];

/**
 * The option that beats every other option head to head on the ballots (more ballots rank it
 * above the other than below), or undefined when there is none.
 */
export function condorcetWinner(
  ballots: readonly RankedBallot[],
  options: readonly string[],
): string | undefined {
  const d = pairwiseMatrix(ballots, options);
  return options.find((_, i) => options.every((__, j) => i === j || d[i]![j]! > d[j]![i]!));
}

/**
 * Random ranked ballots for property tests: each a shuffle of the options, truncated at a random
 * length (possibly naming none), with a neighbour joined to the group before it a quarter of the
 * time, and a whole count from 1 to 5.
 */
export function randomBallots(
  random: Random,
  options: readonly string[],
  count: number,
): RankedBallot[] {
  return Array.from({ length: count }, (): RankedBallot => {
    const named = random.shuffle(options).slice(0, random.integer(0, options.length));
    const ranking: string[][] = [];
    for (const option of named) {
      if (ranking.length > 0 && random.next() < 0.25) ranking.at(-1)!.push(option);
      else ranking.push([option]);
    }
    return { count: random.integer(1, 5), ranking };
  });
}

/**
 * Random complete strict rankings of the options for property tests: each a shuffle of every
 * option, one to a group, with a whole count from 1 to 5.
 */
export function randomCompleteBallots(
  random: Random,
  options: readonly string[],
  count: number,
): RankedBallot[] {
  return Array.from({ length: count }, (): RankedBallot => {
    const ranking = random.shuffle(options).map((option) => [option]);
    return { count: random.integer(1, 5), ranking };
  });
}
