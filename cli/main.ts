/**
 * The worker: `npx studio <command>` (bin/studio.mjs runs this file). Prints exactly one JSON
 * document on stdout — or JSON lines with --stream, the document last — and exits 0 (done),
 * 1 (an error, or a job that did not succeed: `{"error": {code, message}}`), or 2 (a mistake in
 * the command line; the usage goes to stderr). Logs and progress go to stderr only, and no key is
 * ever printed on either (cli/redact.ts).
 */
import { secretsOf } from "@/lib/secrets";
import { installRedaction } from "./redact";

installRedaction(secretsOf(process.env));

const TASK_COMMANDS = ["image", "inpaint", "control", "video", "transcribe", "speech", "background", "text", "prompts"] as const;
type TaskCommand = (typeof TASK_COMMANDS)[number];
const JOB_COMMAND_NAMES = ["upload", "status", "result", "cancel", "history", "share"];

const USAGE = `studio <command> [flags]   (studio <command> --help lists a command's flags)

Jobs:     ${TASK_COMMANDS.join(", ")}
Records:  upload <path>, status <job-id>, result <job-id>, cancel <job-id>, history, share <job-id>
Agents:   mcp   (an MCP server on stdio)

Prints one JSON document on stdout; exit 0 done, 1 error or job not done, 2 bad flags.
Runs on --server, else STUDIO_URL, else http://localhost:3000; in-process on STUDIO_DATA_DIR when none answers.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    // Asked for: on stdout. Missing: a mistake, so on stderr with exit 2.
    (command ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const quiet = rest.includes("--quiet");
  const verbose = rest.includes("--verbose");
  // Library code logs with console.log; stdout carries only the documents.
  console.log = console.info = console.warn = quiet ? () => undefined : console.error;
  if (quiet) console.error = () => undefined;
  const serverAt = rest.findIndex((a) => a === "--server" || a.startsWith("--server="));
  const server = serverAt < 0 ? undefined : rest[serverAt]!.includes("=") ? rest[serverAt]!.slice("--server=".length) : rest[serverAt + 1];
  const ctx = { quiet, verbose, server, log: (line: string) => void (quiet || process.stderr.write(`studio: ${line}\n`)) };
  const [{ UsageError }, { errorDocument, hasAnswered, print }] = await Promise.all([import("./flags"), import("./output")]);
  try {
    if ((TASK_COMMANDS as readonly string[]).includes(command)) {
      const { runTask } = await import("./commands/task");
      return await runTask(command as TaskCommand, rest, ctx);
    }
    if (JOB_COMMAND_NAMES.includes(command)) {
      const { runJobCommand } = await import("./commands/jobs");
      return await runJobCommand(command, rest, ctx);
    }
    if (command === "mcp") return await runMcp(ctx);
    if (command === "__drive") {
      const [{ driveDetached }, { connect }] = await Promise.all([import("./detach"), import("./connect")]);
      return await driveDetached((at) => connect(at, (line) => console.error(`[studio] ${line}`)));
    }
    throw new UsageError(`unknown command ${command}`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`studio ${command}: ${err.message}\n\n${await usageOf(command)}\n`);
      return 2;
    }
    if (hasAnswered()) ctx.log(`after the answer: ${err instanceof Error ? err.message : String(err)}`);
    else await print(errorDocument(err, verbose));
    return 1;
  }
}

async function usageOf(command: string): Promise<string> {
  if ((TASK_COMMANDS as readonly string[]).includes(command)) return (await import("./commands/task")).taskUsage(command as TaskCommand);
  if (JOB_COMMAND_NAMES.includes(command)) return (await import("./commands/jobs")).JOB_COMMANDS[command]!.usage;
  return USAGE;
}

/** `studio mcp`: the MCP server on stdio, over the same studio the other commands would use. */
async function runMcp(ctx: { server?: string; log: (line: string) => void }): Promise<number> {
  const [{ runMcpStdio }, { connect }] = await Promise.all([import("./commands/mcp"), import("./connect")]);
  await runMcpStdio(await connect(ctx.server, ctx.log));
  return 0;
}

// Exit only once stdout has been written out; the database and engine would keep the process alive.
main(process.argv.slice(2)).then((code) => process.stdout.write("", () => process.exit(code)));
