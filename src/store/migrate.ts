import type { Database } from "./database.js";
import { foundation } from "./migrations/0001_foundation.js";
import { sic2007Seed } from "./migrations/0002_sic2007.js";
import { frameworks } from "./migrations/0003_frameworks.js";
import { industryAttributes } from "./migrations/0004_industry_attributes.js";
import { participation } from "./migrations/0005_participation.js";
import { finance } from "./migrations/0006_finance.js";
import { lenders } from "./migrations/0007_lenders.js";
import { procurement } from "./migrations/0008_procurement.js";
import { supplierFeeds } from "./migrations/0009_supplier_feeds.js";
import { ocdsText } from "./migrations/0010_ocds_text.js";
import { postcodeCentroids } from "./migrations/0011_postcode_centroids.js";
import { skills } from "./migrations/0012_skills.js";
import { skillsSupplyProjection } from "./migrations/0013_skills_supply_projection.js";
import { strategy } from "./migrations/0014_strategy.js";
import { strategySectors } from "./migrations/0015_strategy_sectors.js";
import { strategyLots } from "./migrations/0016_strategy_lots.js";

/** The migrations in order; each runs once, in its own transaction. Never edit a landed one. */
export const migrations: readonly { id: string; sql: string }[] = [
  { id: "0001_foundation", sql: foundation },
  { id: "0002_sic2007", sql: sic2007Seed() },
  { id: "0003_frameworks", sql: frameworks },
  { id: "0004_industry_attributes", sql: industryAttributes },
  { id: "0005_participation", sql: participation },
  { id: "0006_finance", sql: finance },
  { id: "0007_lenders", sql: lenders },
  { id: "0008_procurement", sql: procurement },
  { id: "0009_supplier_feeds", sql: supplierFeeds },
  { id: "0010_ocds_text", sql: ocdsText },
  { id: "0011_postcode_centroids", sql: postcodeCentroids },
  { id: "0012_skills", sql: skills },
  { id: "0013_skills_supply_projection", sql: skillsSupplyProjection },
  { id: "0014_strategy", sql: strategy },
  { id: "0015_strategy_sectors", sql: strategySectors },
  { id: "0016_strategy_lots", sql: strategyLots },
];

/**
 * Brings the schema up to date. On a server several processes may start at once, so the work is
 * serialised by a transaction-scoped advisory lock; the embedded database is already locked.
 * Returns the ids of the migrations applied now.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.exec(`create table if not exists schema_migrations (
    id text primary key,
    applied_at timestamptz not null default now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await database.transaction(async (transaction) => {
      await transaction.query("select pg_advisory_xact_lock(7311001)");
      const existing = await transaction.query("select 1 from schema_migrations where id = $1", [
        migration.id,
      ]);
      if (existing.length > 0) return false;
      await transaction.exec(migration.sql);
      await transaction.query("insert into schema_migrations (id) values ($1)", [migration.id]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
