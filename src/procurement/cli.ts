import type { OutputFormat } from "../core/formatRows.js";

/** `placefirst import ocds FILE...`: imports OCDS files in one transaction, with progress. */
export async function runOcdsImport(
  files: readonly string[],
  options: { format: "json" | "table" },
): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { importOcds } = await import("./importOcds.js");
  const onTerminal = process.stderr.isTTY === true;
  const summary = await withDatabase("placefirst import ocds", (database) =>
    importOcds(database, files, {
      onProgress: ({ releases, file }) => {
        if (onTerminal) process.stderr.write(`\r${file}: ${releases} releases read`);
      },
    }),
  );
  if (onTerminal) process.stderr.write("\n");
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
  for (const problem of summary.problems) {
    process.stderr.write(
      `skipped: ${problem.file}, line ${problem.line}${problem.ocid === undefined ? "" : `, ${problem.ocid}`}, ${problem.path}: ${problem.message}\n`,
    );
  }
  for (const file of summary.files) {
    if (file.alreadyImported) {
      process.stdout.write(`${file.file} was already imported (same contents); skipped.\n`);
    }
  }
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  process.stdout.write(
    `Read ${count(summary.read, "release", "releases")}: ${summary.stored} stored, ${summary.duplicates} already stored, ${summary.invalid} invalid and skipped. ${count(summary.processes, "contracting process", "contracting processes")} compiled.\n`,
  );
}

/**
 * `placefirst ocds compile FILE...`: the compiled release of each ocid in the files, by the OCDS
 * merge rules, as a JSON array, without touching the store. Invalid releases stop it with their
 * file, line, ocid and field.
 */
export async function runOcdsCompile(
  files: readonly string[],
  options: { format: OutputFormat },
): Promise<void> {
  const { InputError } = await import("../core/errors.js");
  const { compileReleases, groupByOcid, readOcdsReleases, validateRelease } =
    await import("./ocds/index.js");
  const releases = [];
  for (const file of files) {
    for await (const item of readOcdsReleases(file)) {
      const { release, problems } = validateRelease(item.release);
      if (release === undefined) {
        const [problem] = problems;
        const ocid = typeof item.release.ocid === "string" ? `${item.release.ocid}, ` : "";
        throw new InputError(
          `${ocid}${problem?.path ?? "release"}: ${problem?.message ?? "not a valid release"}`,
          { file: item.source.file, line: item.source.line },
        );
      }
      releases.push(release);
    }
  }
  const compiled = [...groupByOcid(releases)].map(([, group]) => compileReleases(group));
  if (options.format !== "json") {
    const { formatRows } = await import("../core/formatRows.js");
    process.stdout.write(
      formatRows(
        compiled.map((release) => ({
          ocid: release.ocid,
          date: release.date,
          title: release.tender?.title ?? "",
          awards: release.awards?.length ?? 0,
        })),
        (["ocid", "date", "title", "awards"] as const).map((key) => ({ key })),
        options.format,
      ),
    );
    return;
  }
  process.stdout.write(`${JSON.stringify(compiled, null, 2)}\n`);
}

/**
 * `placefirst spend [--place CODE]`: the shares of awarded value going to SMEs and to suppliers
 * in a place and its region, by year, buyer and CPV division; without a place, the SME shares
 * and each district's local share side by side.
 */
export async function runSpend(options: { place?: string; format: OutputFormat }): Promise<void> {
  const { InputError } = await import("../core/errors.js");
  const { formatRows } = await import("../core/formatRows.js");
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { leftBehindPlaces } = await import("../scorecard/service.js");
  const { spendShares } = await import("./methods/spendShares.js");
  const { spendAwards } = await import("./service.js");
  const { awards, districts, leftBehind } = await withDatabase("placefirst spend", async (db) => ({
    awards: await spendAwards(db),
    districts: await db.query<{ code: string; name: string; region: string | null }>(
      `select code, name, parent_code as region from places where kind = 'district' order by code`,
    ),
    leftBehind: await leftBehindPlaces(db),
  }));
  if (awards.length === 0) {
    throw new InputError("no awards are stored; import OCDS data with `placefirst import ocds`");
  }
  const withRegion = districts.filter((district) => district.region !== null);
  const chosen =
    options.place === undefined
      ? undefined
      : withRegion.find((district) => district.code === options.place);
  if (options.place !== undefined && chosen === undefined) {
    throw new InputError("expected a stored district with a region", {
      field: "--place",
      value: options.place,
    });
  }
  const pct = (share: number | undefined) =>
    share === undefined ? null : Math.round(share * 10_000) / 10_000;
  if (chosen !== undefined) {
    const result = spendShares(awards, {
      place: chosen.code,
      region: chosen.region!,
      leftBehindPlaces: leftBehind,
    });
    if (options.format === "json") {
      process.stdout.write(`${JSON.stringify({ place: chosen.code, ...result }, null, 2)}\n`);
      return;
    }
    const rows = result.byYear.map((year) => ({
      year: year.year,
      awarded: Math.round(year.valuePence) / 100,
      sme_share: pct(year.sme.share),
      place_share: pct(year.place.share),
      region_share: pct(year.region.share),
    }));
    process.stdout.write(
      formatRows(
        rows,
        (["year", "awarded", "sme_share", "place_share", "region_share"] as const).map((key) => ({
          key,
        })),
        options.format,
      ),
    );
    return;
  }
  const places = withRegion
    .map((district) => {
      const result = spendShares(awards, { place: district.code, region: district.region! });
      return {
        place: district.code,
        name: district.name,
        awarded_to_suppliers_here: Math.round(result.total.place.valuePence) / 100,
        place_share: pct(result.total.place.share),
        region_share: pct(result.total.region.share),
        sme_share: pct(result.total.sme.share),
      };
    })
    .filter((row) => row.awarded_to_suppliers_here > 0 || row.place_share !== null);
  if (options.format === "json") {
    const first = withRegion[0];
    const overall =
      first === undefined
        ? undefined
        : spendShares(awards, {
            place: first.code,
            region: first.region!,
            leftBehindPlaces: leftBehind,
          });
    process.stdout.write(
      `${JSON.stringify(
        {
          awards: awards.length,
          valuePence: overall?.total.valuePence,
          sme: overall?.total.sme,
          leftBehind: overall?.total.leftBehind,
          byBuyer: overall?.byBuyer.map(({ buyerId, buyerName, valuePence, sme }) => ({
            buyerId,
            buyerName,
            valuePence,
            sme,
          })),
          places,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  process.stdout.write(
    formatRows(
      places,
      (
        [
          "place",
          "name",
          "awarded_to_suppliers_here",
          "place_share",
          "region_share",
          "sme_share",
        ] as const
      ).map((key) => ({ key })),
      options.format,
    ),
  );
}

/** `placefirst suppliers import FILE`: stores a supplier register CSV, all or nothing. */
export async function runSuppliersImport(path: string): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { readSuppliersFile } = await import("./files/suppliersFile.js");
  const { saveSuppliers } = await import("./service.js");
  const suppliers = await readSuppliersFile(path);
  const stored = await withDatabase("placefirst suppliers import", (database) =>
    database.transaction((transaction) => saveSuppliers(transaction, suppliers, { file: path })),
  );
  process.stdout.write(`Stored ${stored} suppliers from ${path}.\n`);
}

/** `placefirst suppliers list`: the register. */
export async function runSuppliersList(options: {
  place?: string;
  format: OutputFormat;
}): Promise<void> {
  const { formatRows } = await import("../core/formatRows.js");
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { listSuppliers } = await import("./service.js");
  const suppliers = await withDatabase("placefirst suppliers list", (database) =>
    listSuppliers(database, options.place === undefined ? {} : { place: options.place }),
  );
  const rows = suppliers.map((supplier) => ({
    id: supplier.supplierId,
    name: supplier.name,
    place: supplier.placeCode,
    size: supplier.size,
    cpv: supplier.cpvCodes.join(" "),
    capacity: supplier.capacityPence === undefined ? null : supplier.capacityPence / 100,
  }));
  process.stdout.write(
    formatRows(
      rows,
      (["id", "name", "place", "size", "cpv", "capacity"] as const).map((key) => ({ key })),
      options.format,
    ),
  );
}
