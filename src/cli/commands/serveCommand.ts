import { createDemoUsers } from "../../api/auth/demoUsers.js";
import { startServer } from "../../api/server.js";
import { isEmpty } from "../../data/service.js";
import { loadDemo } from "../../data/loadDemo.js";
import { generateDemo } from "../../demo/index.js";
import { seedDemoFinance } from "../../finance/demo.js";
import { seedDemoProcurement } from "../../procurement/seedDemo.js";
import { seedDemoSkills } from "../../skills/demo.js";
import { seedDemoStrategy } from "../../strategy/demo.js";
import { seedDemoParticipation } from "../../participation/demo.js";
import { seedFramework } from "../../scorecard/frameworkStore.js";
import { shippedFrameworks } from "../../scorecard/shippedFrameworks.js";
import { openDatabase } from "../../store/openDatabase.js";

/** `placefirst serve`: migrates, optionally loads the demo, and serves until stopped. */
export async function runServe(options: {
  port?: number;
  host?: string;
  demoIfEmpty?: boolean;
}): Promise<void> {
  const database = await openDatabase({ purpose: "placefirst serve" });
  if (options.demoIfEmpty === true && (await isEmpty(database))) {
    process.stdout.write("The database is empty: loading the fictional demo region…\n");
    const seed = 20261128;
    const summary = await loadDemo(database, generateDemo(seed), seed);
    await seedFramework(database, "demo", shippedFrameworks.demo!);
    process.stdout.write(`Loaded "${summary.regionName}" (${summary.places} places).\n`);
    const users = await createDemoUsers(database);
    if (users.length > 0) {
      process.stdout.write(
        "\nDemo accounts, one per role. The passwords are shown this once only:\n",
      );
      for (const user of users)
        process.stdout.write(
          `  ${user.role.padEnd(13)} ${user.email.padEnd(40)} ${user.password}\n`,
        );
      process.stdout.write("\n");
    }
    const participant = users.find((user) => user.role === "participant");
    const [participantRow] =
      participant === undefined
        ? []
        : await database.query<{ id: number }>("select id from users where email = $1", [
            participant.email,
          ]);
    await seedDemoFinance(database);
    await seedDemoProcurement(database);
    await seedDemoSkills(database);
    await seedDemoParticipation(
      database,
      participantRow === undefined ? {} : { participantUserId: participantRow.id },
    );
    // After participation: the strategy names the weight set its consultation made.
    await seedDemoStrategy(database);
  }
  const port =
    options.port ??
    (process.env.PORT !== undefined && process.env.PORT !== "" ? Number(process.env.PORT) : 3000);
  const host = options.host ?? process.env.HOST ?? "0.0.0.0";
  await startServer({ database, port, host });
}
