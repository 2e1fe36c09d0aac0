import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Studio } from "@/lib/agent/studio";
import { createMcpServer } from "@/lib/mcp/server";

/**
 * `studio mcp`: the MCP server on standard input and output, for an agent that starts the studio
 * as its tool process (Claude Desktop and the like). Standard output carries the protocol and
 * nothing else, so every log line goes to standard error. Answers when the agent closes the pipe.
 */
export async function runMcpStdio(studio: Studio): Promise<void> {
  // Anything the studio's modules would print (warnings, retries) must not corrupt the protocol.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  const server = createMcpServer(studio, { localFiles: true });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once("end", resolve);
  });
  await server.connect(transport);
  console.error(`[studio] MCP server on stdio; jobs run ${studio.where === "in-process" ? "in this process" : `on ${studio.where}`}.`);
  await closed;
  await server.close();
  await studio.close();
}
