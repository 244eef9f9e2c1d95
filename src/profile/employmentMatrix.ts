/** One employment count: a place, an industry and the number employed. */
export interface EmploymentCount {
  placeCode: string;
  industryCode: string;
  employees: number;
}

/** Employment laid out as a places x industries matrix, with the codes of its rows and columns. */
export interface EmploymentMatrix {
  placeCodes: string[];
  industryCodes: string[];
  /** Row-major, places x industries; 0 where a place has no count for an industry. */
  values: Float64Array;
}

/**
 * Lays employment counts out as a matrix, places and industries in the order first met (or in
 * the orders given). Counts for the same place and industry are added, so a file split by
 * employment status sums to the total.
 */
export function employmentMatrix(
  counts: Iterable<EmploymentCount>,
  order: { placeCodes?: readonly string[]; industryCodes?: readonly string[] } = {},
): EmploymentMatrix {
  const rows = [...counts];
  const placeCodes =
    order.placeCodes !== undefined
      ? [...order.placeCodes]
      : unique(rows.map((row) => row.placeCode));
  const industryCodes =
    order.industryCodes !== undefined
      ? [...order.industryCodes]
      : unique(rows.map((row) => row.industryCode));
  const placeIndex = new Map(placeCodes.map((code, index) => [code, index]));
  const industryIndex = new Map(industryCodes.map((code, index) => [code, index]));
  const values = new Float64Array(placeCodes.length * industryCodes.length);
  for (const row of rows) {
    const place = placeIndex.get(row.placeCode);
    const industry = industryIndex.get(row.industryCode);
    if (place === undefined || industry === undefined || !Number.isFinite(row.employees)) continue;
    values[place * industryCodes.length + industry]! += row.employees;
  }
  return { placeCodes, industryCodes, values };
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}
