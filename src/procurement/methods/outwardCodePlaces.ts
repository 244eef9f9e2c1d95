/** One postcode of a postcode directory (the ONS Postcode Directory or the like), as read. */
export interface DirectoryPostcode {
  /** The postcode's outward code, the part before the space: "EX1" of "EX1 3PB". */
  outwardCode: string;
  /** The GSS code of the local authority district the directory puts the postcode in. */
  districtCode: string;
  /** Whether the postcode is no longer in use (the directory gives a date of termination). */
  terminated: boolean;
  /**
   * The postcode's centroid in degrees north (WGS84); undefined when the directory has no grid
   * reference for it.
   */
  latitude: number | undefined;
  /** The postcode's centroid in degrees east (WGS84); undefined with `latitude`. */
  longitude: number | undefined;
}

/** Where an outward code is: its district and the centroid of its live postcodes. */
export interface OutwardCodePlace {
  /** The outward code ("EX1"). */
  outwardCode: string;
  /**
   * The district most of its live postcodes are in; of districts with as many, the lowest code
   * (compared character by character), so the choice never depends on the order of the file.
   */
  districtCode: string;
  /** The mean latitude of its live postcodes, degrees north. */
  latitude: number;
  /** The mean longitude of its live postcodes, degrees east. */
  longitude: number;
  /** How many live postcodes with a grid reference it has. */
  postcodes: number;
  /** How many of them are in `districtCode`. */
  districtPostcodes: number;
}

/** How the postcodes given to an {@link OutwardCodeTally} were counted. */
export interface OutwardCodeTotals {
  /** Every postcode given. */
  postcodes: number;
  /** Live postcodes with a grid reference: those that place their outward code. */
  live: number;
  /** Terminated postcodes, left out whatever else they say. */
  terminated: number;
  /** Live postcodes without a grid reference, left out. */
  gridless: number;
}

/** What is kept of one outward code while the postcodes stream past. */
interface OutwardCodeState {
  postcodes: number;
  latitude: number;
  longitude: number;
  districts: Map<string, number>;
}

/**
 * Tallies a postcode directory, one postcode at a time, into the district and centroid of each
 * outward code (see {@link outwardCodePlaces}). It keeps a few numbers for each outward code and
 * district, never the postcodes, so a directory of millions of rows takes the memory of its few
 * thousand outward codes.
 */
export class OutwardCodeTally {
  readonly #outwardCodes = new Map<string, OutwardCodeState>();
  readonly #totals: OutwardCodeTotals = { postcodes: 0, live: 0, terminated: 0, gridless: 0 };

  /** Counts one postcode: a live one with a grid reference places its outward code. */
  add(postcode: DirectoryPostcode): void {
    this.#totals.postcodes += 1;
    if (postcode.terminated) {
      this.#totals.terminated += 1;
      return;
    }
    const { latitude, longitude } = postcode;
    if (latitude === undefined || longitude === undefined) {
      this.#totals.gridless += 1;
      return;
    }
    this.#totals.live += 1;
    let state = this.#outwardCodes.get(postcode.outwardCode);
    if (state === undefined) {
      state = { postcodes: 0, latitude: 0, longitude: 0, districts: new Map() };
      this.#outwardCodes.set(postcode.outwardCode, state);
    }
    state.postcodes += 1;
    // The running mean, updated by each value's difference from it (Welford 1962, "Note on a
    // method for calculating corrected sums of squares and products", Technometrics 4(3)), stays
    // accurate without a large running sum. The degrees are averaged as they are: over an outward
    // code's few kilometres, far from the antimeridian, this is the centre within metres.
    state.latitude += (latitude - state.latitude) / state.postcodes;
    state.longitude += (longitude - state.longitude) / state.postcodes;
    state.districts.set(
      postcode.districtCode,
      (state.districts.get(postcode.districtCode) ?? 0) + 1,
    );
  }

  /** The counts so far. */
  totals(): OutwardCodeTotals {
    return { ...this.#totals };
  }

  /** The outward codes with live postcodes so far, each with its district and centroid, by code. */
  places(): OutwardCodePlace[] {
    return [...this.#outwardCodes]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([outwardCode, state]) => {
        let districtCode = "";
        let districtPostcodes = 0;
        for (const [code, count] of state.districts) {
          if (count > districtPostcodes || (count === districtPostcodes && code < districtCode)) {
            districtCode = code;
            districtPostcodes = count;
          }
        }
        return {
          outwardCode,
          districtCode,
          latitude: state.latitude,
          longitude: state.longitude,
          postcodes: state.postcodes,
          districtPostcodes,
        };
      });
  }
}

/**
 * The district and centroid of each outward code of a postcode directory: the district most of
 * its live postcodes are in (of districts with as many, the lowest code), and the mean latitude
 * and longitude of its live postcodes, whichever district they are in. Terminated postcodes and
 * those without a grid reference are left out and counted.
 *
 * @param postcodes the directory's postcodes, in any order.
 * @returns the outward codes with at least one live postcode with a grid reference, by code, and
 *   the counts.
 */
export function outwardCodePlaces(postcodes: Iterable<DirectoryPostcode>): {
  places: OutwardCodePlace[];
  totals: OutwardCodeTotals;
} {
  const tally = new OutwardCodeTally();
  for (const postcode of postcodes) tally.add(postcode);
  return { places: tally.places(), totals: tally.totals() };
}
