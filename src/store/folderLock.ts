import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ConflictError } from "../core/errors.js";

/** A held lock on a folder; release it when done. */
export interface FolderLock {
  release(): void;
}

/**
 * Takes the lock on an embedded database folder by creating `lock` in it exclusively, with the
 * holder's process id. A lock left by a process that no longer runs is taken over; a live one
 * stops this process with a message that says who holds it and what to do.
 */
export function acquireFolderLock(folder: string, purpose: string): FolderLock {
  const path = join(folder, "lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(path, "wx");
      writeSync(descriptor, JSON.stringify({ pid: process.pid, purpose, since: new Date() }));
      closeSync(descriptor);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off("exit", release);
      };
      // Remove the lock even when the process exits without closing the database.
      process.on("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      if (holder !== undefined && isRunning(holder.pid)) {
        throw new ConflictError(
          `The embedded database in ${folder} is in use by process ${holder.pid} ` +
            `(${holder.purpose}). The embedded database allows one process at a time: stop ` +
            `that process first, or use a PostgreSQL server by setting DATABASE_URL.`,
        );
      }
      // The holder is gone (or the lock is unreadable, from a crash while writing): take over.
      rmSync(path, { force: true });
    }
  }
  throw new ConflictError(`Could not take the lock ${path}; another process keeps taking it.`);
}

function readHolder(path: string): { pid: number; purpose: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { pid?: unknown; purpose?: unknown };
    if (typeof parsed.pid !== "number") return undefined;
    return { pid: parsed.pid, purpose: String(parsed.purpose ?? "placefirst") };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
