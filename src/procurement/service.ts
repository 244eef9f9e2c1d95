import { InputError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import { normaliseCpv } from "./methods/cpv.js";
import type { SpendAward } from "./methods/spendShares.js";
import type { TenderToMatch } from "./methods/tenderMatch.js";
import type { TenderRecord } from "./files/ocdsTendersFile.js";
import type { SupplierRecord } from "./supplierRecord.js";

/** A supplier of the register, as stored. */
export interface StoredSupplier extends SupplierRecord {
  placeName: string;
  /** The region the supplier's district is in. */
  regionCode: string | null;
  fictional: boolean;
}

/**
 * Stores suppliers of the register, adding new ones and replacing those with the same id, in
 * the caller's transaction; every place must be stored (the first unknown one is named).
 */
export async function saveSuppliers(
  transaction: Queryable,
  suppliers: readonly (SupplierRecord & { line?: number })[],
  options: { file?: string; fictional?: boolean } = {},
): Promise<number> {
  const known = new Set(
    (
      await transaction.query<{ code: string }>(
        "select code from places where code = any($1::text[])",
        [[...new Set(suppliers.map((supplier) => supplier.placeCode))]],
      )
    ).map((row) => row.code),
  );
  const unknown = suppliers.find((supplier) => !known.has(supplier.placeCode));
  if (unknown !== undefined) {
    throw new InputError("no stored place has this code; import the places first", {
      ...(options.file === undefined ? {} : { file: options.file }),
      ...(unknown.line === undefined ? {} : { line: unknown.line }),
      field: "place",
      value: unknown.placeCode,
    });
  }
  const rows = suppliers.map((supplier) => ({
    id: supplier.supplierId,
    name: supplier.name,
    place_code: supplier.placeCode,
    postcode: supplier.postcode ?? null,
    latitude: supplier.latitude ?? null,
    longitude: supplier.longitude ?? null,
    size: supplier.size,
    employees: supplier.employees ?? null,
    turnover_pence: supplier.turnoverPence ?? null,
    cpv_codes: supplier.cpvCodes,
    capacity_pence: supplier.capacityPence ?? null,
    accreditations: supplier.accreditations,
    fictional: options.fictional ?? false,
  }));
  for (let start = 0; start < rows.length; start += 1000) {
    await transaction.query(
      `insert into procurement_suppliers (id, name, place_code, postcode, latitude, longitude,
         size, employees, turnover_pence, cpv_codes, capacity_pence, accreditations, fictional)
       select r.id, r.name, r.place_code, r.postcode, r.latitude, r.longitude, r.size,
         r.employees, r.turnover_pence,
         array(select jsonb_array_elements_text(j->'cpv_codes')), r.capacity_pence,
         array(select jsonb_array_elements_text(j->'accreditations')), r.fictional
       from jsonb_array_elements($1::jsonb) j,
         jsonb_to_record(j) as r(id text, name text, place_code text, postcode text,
           latitude float8, longitude float8, size text, employees int4, turnover_pence int8,
           capacity_pence int8, fictional bool)
       on conflict (id) do update set name = excluded.name, place_code = excluded.place_code,
         postcode = excluded.postcode, latitude = excluded.latitude,
         longitude = excluded.longitude, size = excluded.size, employees = excluded.employees,
         turnover_pence = excluded.turnover_pence, cpv_codes = excluded.cpv_codes,
         capacity_pence = excluded.capacity_pence, accreditations = excluded.accreditations,
         updated_at = now()`,
      [JSON.stringify(rows.slice(start, start + 1000))],
    );
  }
  return rows.length;
}

/**
 * The register, by name; `place` narrows it to one district. A supplier without coordinates of
 * its own is given those of its postcode's outward code (the mean of its live postcodes, as
 * `placefirst import postcodes` stores it), when the directory has them.
 */
export async function listSuppliers(
  database: Queryable,
  filter: { place?: string; ids?: readonly string[] } = {},
): Promise<StoredSupplier[]> {
  const rows = await database.query<{
    id: string;
    name: string;
    placeCode: string;
    placeName: string;
    regionCode: string | null;
    postcode: string | null;
    latitude: number | null;
    longitude: number | null;
    size: SupplierRecord["size"];
    employees: number | null;
    turnoverPence: number | null;
    cpvCodes: string[];
    capacityPence: number | null;
    accreditations: string[];
    fictional: boolean;
  }>(
    `select s.id, s.name, s.place_code as "placeCode", p.name as "placeName",
       p.parent_code as "regionCode", s.postcode,
       case when s.latitude is null or s.longitude is null then pc.latitude else s.latitude end
         as latitude,
       case when s.latitude is null or s.longitude is null then pc.longitude else s.longitude end
         as longitude,
       s.size, s.employees, s.turnover_pence::float8 as "turnoverPence",
       s.cpv_codes as "cpvCodes", s.capacity_pence::float8 as "capacityPence", s.accreditations,
       s.fictional
     from procurement_suppliers s join places p on p.code = s.place_code
     left join procurement_postcode_places pc
       on pc.outward_code = split_part(s.postcode, ' ', 1)
     where ($1::text is null or s.place_code = $1)
       and ($2::text[] is null or s.id = any($2::text[]))
     order by s.name, s.id`,
    [filter.place ?? null, filter.ids === undefined ? null : [...filter.ids]],
  );
  return rows.map((row) => ({
    supplierId: row.id,
    name: row.name,
    placeCode: row.placeCode,
    placeName: row.placeName,
    regionCode: row.regionCode,
    ...(row.postcode === null ? {} : { postcode: row.postcode }),
    ...(row.latitude === null ? {} : { latitude: row.latitude }),
    ...(row.longitude === null ? {} : { longitude: row.longitude }),
    size: row.size,
    ...(row.employees === null ? {} : { employees: row.employees }),
    ...(row.turnoverPence === null ? {} : { turnoverPence: row.turnoverPence }),
    cpvCodes: row.cpvCodes,
    ...(row.capacityPence === null ? {} : { capacityPence: row.capacityPence }),
    accreditations: row.accreditations,
    fictional: row.fictional,
  }));
}

/** A stored contracting process whose tender is open: what is bought, by whom, where, by when. */
export interface OpenTender extends TenderToMatch {
  ocid: string;
  /** When the process was last published (its latest release), ISO 8601. */
  date: string;
  title: string | null;
  buyerId: string | null;
  buyerName: string | null;
  /** The deadline for bids (ISO 8601), when published. */
  tenderEnd: string | null;
  placeName: string | null;
  lots: { lotId: string; title: string | null; valuePence: number | null }[];
  fictional: boolean;
}

/**
 * The tenders open on a day: published with a deadline after it (or active with no deadline),
 * each placed in the district of its buyer, else of its first delivery postcode's outward code,
 * with the district's region, and at the centroid of that outward code when the directory has one.
 * `place` keeps those in (or, for a region, under) one place.
 */
export async function listOpenTenders(
  database: Queryable,
  options: { asOf: string; place?: string; ocids?: readonly string[] },
): Promise<OpenTender[]> {
  const rows = await database.query<{
    ocid: string;
    date: string;
    title: string | null;
    buyerId: string | null;
    buyerName: string | null;
    valuePence: number | null;
    tenderEnd: string | null;
    cpvCodes: string[];
    placeCode: string | null;
    placeName: string | null;
    regionCode: string | null;
    latitude: number | null;
    longitude: number | null;
    fictional: boolean;
  }>(
    `select t.ocid, to_char(t.date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as date,
       t.title, t.buyer_id as "buyerId", t.buyer_name as "buyerName",
       t.value_pence::float8 as "valuePence",
       to_char(t.tender_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "tenderEnd",
       t.cpv_codes as "cpvCodes", pl.code as "placeCode", pl.name as "placeName",
       pl.parent_code as "regionCode", pc.latitude, pc.longitude, t.fictional
     from procurement_processes t
     left join procurement_buyer_places b on b.buyer_id = t.buyer_id
     left join procurement_postcode_places pc
       on pc.outward_code = split_part(t.delivery_postcodes[1], ' ', 1)
     left join places pl on pl.code = coalesce(b.place_code, pc.place_code)
     where (t.tender_end > $1::timestamptz
         or (t.tender_end is null and t.status in ('active', 'planned')))
       and coalesce(t.status, 'active') not in ('cancelled', 'complete', 'unsuccessful', 'withdrawn')
       and ($2::text is null or pl.code = $2 or pl.parent_code = $2)
       and ($3::text[] is null or t.ocid = any($3::text[]))
     order by t.tender_end nulls last, t.ocid`,
    [options.asOf, options.place ?? null, options.ocids === undefined ? null : [...options.ocids]],
  );
  const lots = await database.query<{
    ocid: string;
    lotId: string;
    title: string | null;
    valuePence: number | null;
  }>(
    `select ocid, lot_id as "lotId", title, value_pence::float8 as "valuePence"
     from procurement_lots where ocid = any($1::text[]) order by ocid, lot_id`,
    [rows.map((row) => row.ocid)],
  );
  return rows.map((row) => ({
    tenderId: row.ocid,
    ocid: row.ocid,
    date: row.date,
    title: row.title,
    buyerId: row.buyerId,
    buyerName: row.buyerName,
    tenderEnd: row.tenderEnd,
    cpvCodes: matchableCpvCodes(row.cpvCodes),
    value: row.valuePence,
    ...(row.placeCode === null ? {} : { gssCode: row.placeCode }),
    ...(row.regionCode === null ? {} : { regionCode: row.regionCode }),
    ...(row.latitude === null || row.longitude === null
      ? {}
      : { coordinates: { latitude: row.latitude, longitude: row.longitude } }),
    placeName: row.placeName,
    lots: lots
      .filter((lot) => lot.ocid === row.ocid)
      .map(({ lotId, title, valuePence }) => ({ lotId, title, valuePence })),
    fictional: row.fictional,
  }));
}

/** The place and region of a supplier whose postcode lies outside the stored directory. */
export const outsideTheRegion = "(outside the region)";

/**
 * The awards in pounds sterling (as whole pence), each with what is known of its supplier: SME or not (the register's size,
 * else the publisher's `scale`), and its district and region (the register's, else its
 * postcode's outward code). Awards cancelled or unsuccessful are left out. The stored postcode
 * directory is taken to list every outward code of the region, so a supplier with a postcode it
 * does not list is outside the region.
 */
export async function spendAwards(database: Queryable): Promise<SpendAward[]> {
  const rows = await database.query<{
    buyerId: string | null;
    buyerName: string | null;
    year: number | null;
    cpv: string | null;
    valuePence: number;
    size: string | null;
    scale: string | null;
    place: string | null;
    region: string | null;
    outside: boolean;
    share: number;
  }>(
    `select t.buyer_id as "buyerId", t.buyer_name as "buyerName",
       extract(year from coalesce(a.date, t.date))::int as year, t.cpv_codes[1] as cpv,
       a.value_pence::float8 as "valuePence", s.size, x.scale, pl.code as place,
       pl.parent_code as region,
       (s.id is null and pc.place_code is null and x.postcode is not null
         and exists (select 1 from procurement_postcode_places)) as outside,
       count(*) over (partition by a.ocid, a.award_id)::float8 as share
     from procurement_awards a join procurement_processes t on t.ocid = a.ocid
     left join procurement_award_suppliers x on x.ocid = a.ocid and x.award_id = a.award_id
     left join procurement_suppliers s on s.id = x.supplier_id
     left join procurement_postcode_places pc on pc.outward_code = split_part(x.postcode, ' ', 1)
     left join places pl on pl.code = coalesce(s.place_code, pc.place_code)
     where a.value_pence is not null and a.value_pence >= 0
       and coalesce(a.status, 'active') not in ('cancelled', 'unsuccessful')`,
  );
  // An award to several suppliers (a consortium) is shared equally among them, each part rounded
  // to the penny.
  return rows.map((row) => ({
    buyerId: row.buyerId ?? "(unknown buyer)",
    buyerName: row.buyerName,
    year: row.year ?? 0,
    cpvDivision: row.cpv !== null && /^\d{2}/.test(row.cpv) ? row.cpv.slice(0, 2) : null,
    valuePence: Math.round(row.valuePence / row.share),
    supplierIsSme:
      row.size !== null
        ? row.size !== "large"
        : row.scale === null
          ? null
          : ["sme", "micro", "small", "medium"].includes(row.scale),
    supplierPlace: row.outside ? outsideTheRegion : row.place,
    supplierRegion: row.outside ? outsideTheRegion : row.region,
  }));
}

/** A stored contracting process: its tender, lots, awards with their suppliers, and contracts. */
export interface StoredProcess {
  ocid: string;
  date: string;
  title: string | null;
  status: string | null;
  buyerId: string | null;
  buyerName: string | null;
  valueAmount: number | null;
  valueCurrency: string | null;
  valuePence: number | null;
  tenderEnd: string | null;
  cpvCodes: string[];
  deliveryRegions: string[];
  deliveryPostcodes: string[];
  releases: number;
  fictional: boolean;
  lots: { lotId: string; title: string | null; valuePence: number | null }[];
  awards: {
    awardId: string;
    date: string | null;
    status: string | null;
    valueAmount: number | null;
    valueCurrency: string | null;
    suppliers: { supplierId: string | null; name: string | null; scale: string | null }[];
  }[];
}

/** One stored contracting process by its ocid, or undefined. */
export async function storedProcess(
  database: Queryable,
  ocid: string,
): Promise<StoredProcess | undefined> {
  const [process] = await database.query<Omit<StoredProcess, "lots" | "awards">>(
    `select ocid, to_char(date at time zone 'UTC', 'YYYY-MM-DD') as date, title, status,
       buyer_id as "buyerId", buyer_name as "buyerName", value_amount as "valueAmount",
       value_currency as "valueCurrency", value_pence::float8 as "valuePence",
       to_char(tender_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "tenderEnd",
       cpv_codes as "cpvCodes", delivery_regions as "deliveryRegions",
       delivery_postcodes as "deliveryPostcodes", releases, fictional
     from procurement_processes where ocid = $1`,
    [ocid],
  );
  if (process === undefined) return undefined;
  const lots = await database.query<StoredProcess["lots"][number]>(
    `select lot_id as "lotId", title, value_pence::float8 as "valuePence"
     from procurement_lots where ocid = $1 order by lot_id`,
    [ocid],
  );
  const awards = await database.query<Omit<StoredProcess["awards"][number], "suppliers">>(
    `select award_id as "awardId", to_char(date at time zone 'UTC', 'YYYY-MM-DD') as date,
       status, value_amount as "valueAmount", value_currency as "valueCurrency"
     from procurement_awards where ocid = $1 order by date nulls last, award_id`,
    [ocid],
  );
  const suppliers = await database.query<{
    awardId: string;
    supplierId: string | null;
    name: string | null;
    scale: string | null;
  }>(
    `select award_id as "awardId", supplier_id as "supplierId", name, scale
     from procurement_award_suppliers where ocid = $1 order by award_id, position`,
    [ocid],
  );
  return {
    ...process,
    lots,
    awards: awards.map((award) => ({
      ...award,
      suppliers: suppliers
        .filter((supplier) => supplier.awardId === award.awardId)
        .map(({ supplierId, name, scale }) => ({ supplierId, name, scale })),
    })),
  };
}

/**
 * The codes of a tender that the matching methods can read: those that parse as CPV codes. The
 * importer keeps codes as published, and some publishers write codes that are not CPV ("4523",
 * "00000000"); they cannot be matched, so they are left out here.
 */
export function matchableCpvCodes(codes: readonly string[]): string[] {
  return codes.flatMap((code) => {
    try {
      return [normaliseCpv(code)];
    } catch {
      return [];
    }
  });
}

/**
 * The stored contracting processes as tender records (what the command line matches), all or
 * one; codes that are not CPV 2008 are set apart in `invalidCpvCodes`.
 */
export async function tenderRecords(
  database: Queryable,
  filter: { ocid?: string } = {},
): Promise<TenderRecord[]> {
  const rows = await database.query<{
    ocid: string;
    date: string;
    title: string | null;
    buyerName: string | null;
    status: string | null;
    tenderEnd: string | null;
    valuePence: number | null;
    valueAmount: number | null;
    valueCurrency: string | null;
    cpvCodes: string[];
  }>(
    `select ocid, to_char(date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as date, title,
       buyer_name as "buyerName", status,
       to_char(tender_end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "tenderEnd",
       value_pence::float8 as "valuePence", value_amount as "valueAmount",
       value_currency as "valueCurrency", cpv_codes as "cpvCodes"
     from procurement_processes where $1::text is null or ocid = $1 order by ocid`,
    [filter.ocid ?? null],
  );
  return rows.map((row) => {
    const cpvCodes = matchableCpvCodes(row.cpvCodes);
    return {
      ocid: row.ocid,
      date: row.date,
      ...(row.title === null ? {} : { title: row.title }),
      ...(row.buyerName === null ? {} : { buyerName: row.buyerName }),
      ...(row.status === null ? {} : { status: row.status }),
      ...(row.tenderEnd === null ? {} : { tenderPeriodEnd: row.tenderEnd }),
      ...(row.valuePence === null ? {} : { valuePence: row.valuePence }),
      ...(row.valueAmount === null
        ? {}
        : {
            value: {
              amount: row.valueAmount,
              ...(row.valueCurrency === null ? {} : { currency: row.valueCurrency }),
            },
          }),
      cpvCodes,
      invalidCpvCodes: row.cpvCodes.filter((code) => !/^\d{8}$/.test(code)),
    };
  });
}

/** The register entry of a supplier-role user, with its feed token, if it has registered. */
export async function registeredSupplierOf(
  database: Queryable,
  userId: number,
): Promise<(StoredSupplier & { feedToken: string | null }) | undefined> {
  const [row] = await database.query<{ id: string; feedToken: string | null }>(
    `select id, feed_token as "feedToken" from procurement_suppliers where user_id = $1`,
    [userId],
  );
  if (row === undefined) return undefined;
  const [supplier] = await listSuppliers(database, { ids: [row.id] });
  return supplier === undefined ? undefined : { ...supplier, feedToken: row.feedToken };
}

/**
 * Saves a supplier-role user's own register entry (new or changed), linked to the user, with a
 * feed token made on first save. Returns the supplier's id.
 */
export async function saveOwnSupplier(
  transaction: Queryable,
  userId: number,
  record: SupplierRecord,
  feedToken: string,
): Promise<string> {
  await saveSuppliers(transaction, [record]);
  await transaction.query(
    `update procurement_suppliers set user_id = $2, feed_token = coalesce(feed_token, $3)
     where id = $1`,
    [record.supplierId, userId, feedToken],
  );
  return record.supplierId;
}

/** The supplier whose feed has this token, if any. */
export async function supplierByFeedToken(
  database: Queryable,
  token: string,
): Promise<StoredSupplier | undefined> {
  const [row] = await database.query<{ id: string }>(
    "select id from procurement_suppliers where feed_token = $1",
    [token],
  );
  if (row === undefined) return undefined;
  const [supplier] = await listSuppliers(database, { ids: [row.id] });
  return supplier;
}
