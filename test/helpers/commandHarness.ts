import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

/** What a command wrote, reset before each test. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** The harness of {@link commandHarness}. */
export interface CommandHarness {
  /** What the command under test wrote to standard output and error in this test. */
  output: CommandOutput;
  /** Writes a file into the test file's temporary folder and returns its path. */
  temporaryFile(name: string, content: string): string;
  /** Runs `placefirst ARGS` with only the registered commands. */
  run(...args: string[]): Promise<void>;
  /** The error `placefirst ARGS` throws; fails the test when it throws none. */
  commandError(...args: string[]): Promise<unknown>;
}

/**
 * Sets up a test file of command-line commands: a temporary folder for input files (removed after
 * the file's tests), standard output and error captured in each test, and a `placefirst` program
 * with only the commands `register` adds, which throws where the real one would exit.
 */
export function commandHarness(register: (program: Command) => void): CommandHarness {
  const folder = mkdtempSync(join(tmpdir(), "placefirst-cli-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const output: CommandOutput = { stdout: "", stderr: "" };
  beforeEach(() => {
    output.stdout = "";
    output.stderr = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      output.stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      output.stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const run = async (...args: string[]): Promise<void> => {
    const program = new Command("placefirst").exitOverride();
    register(program);
    const overrideAll = (command: Command): void => {
      command.exitOverride();
      command.configureOutput({
        writeErr: (text) => (output.stderr += text),
        writeOut: (text) => (output.stdout += text),
      });
      for (const child of command.commands) overrideAll(child);
    };
    overrideAll(program);
    await program.parseAsync(args, { from: "user" });
  };
  return {
    output,
    temporaryFile(name, content) {
      const path = join(folder, name);
      writeFileSync(path, content);
      return path;
    },
    run,
    async commandError(...args) {
      try {
        await run(...args);
      } catch (error) {
        return error;
      }
      throw new Error(`placefirst ${args.join(" ")} did not throw`);
    },
  };
}
