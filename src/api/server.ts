import type { Database } from "../store/database.js";
import { buildApp } from "./app.js";

/** Options for {@link startServer}. */
export interface ServerOptions {
  database: Database;
  /** The TCP port; 0 picks a free one. */
  port: number;
  /** The address to listen on, such as "0.0.0.0" or "127.0.0.1". */
  host: string;
}

/**
 * Builds the app and listens; closes the server and the database on SIGINT or SIGTERM so the
 * embedded database's lock is released. The one place that listens.
 */
export async function startServer(
  options: ServerOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildApp({ database: options.database, logger: false });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const url = `http://localhost:${port}`;
  process.stdout.write(
    `Placefirst is serving ${url} (database: ${options.database.description}). Press Ctrl+C to stop.\n`,
  );
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app.close();
      await options.database.close();
    })();
    return closing;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return { url, close };
}
