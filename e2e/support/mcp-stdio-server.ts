/**
 * `studio mcp` for the e2e tests until the command exists in this branch: the stdio MCP server on
 * the in-process studio, pointed (by the spec's environment) at the e2e server's local engine and
 * data directory, so its jobs are the server's jobs too.
 */
import { localStudio } from "@/lib/agent/local-studio";
import { runMcpStdio } from "@/cli/commands/mcp";

runMcpStdio(localStudio()).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
