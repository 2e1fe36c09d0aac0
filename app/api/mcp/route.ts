import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { localStudio } from "@/lib/agent/local-studio";
import { parseJsonOrUndefined, readBodyText } from "@/lib/http/body";
import { requestOrigin } from "@/lib/http/request-origin";
import { handler } from "@/lib/http/route";
import { createMcpServer } from "@/lib/mcp/server";

/**
 * MCP over Streamable HTTP, stateless: each POST carries its JSON-RPC message(s) and gets the answer
 * on its own response (an SSE stream, so progress notifications reach the client while a job runs).
 * handler() holds it to the API's rules first: the Host check, no requests from other sites' pages,
 * JSON bodies only; the body is measured against its limit before it is read.
 */

// An image upload (25 MB) as base64 inside a JSON-RPC message; larger files go through POST /api/uploads.
const MAX_MESSAGE_BYTES = 36 * 1024 * 1024;

const jsonRpcError = (status: number, code: number, message: string, headers: HeadersInit = {}) =>
  Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status, headers });

export const POST = handler(async (req) => {
  const message = parseJsonOrUndefined(await readBodyText(req, MAX_MESSAGE_BYTES, "An MCP message"));
  if (message === undefined) return jsonRpcError(400, -32700, "Parse error: the body is not JSON.");
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  const server = createMcpServer(localStudio(await requestOrigin()));
  await server.connect(transport);
  // A client that hangs up stops its tool calls (a wait for a job ends; the job itself goes on).
  req.signal.addEventListener("abort", () => void server.close(), { once: true });
  return transport.handleRequest(req, { parsedBody: message });
});

// Stateless: no stream to open for server-initiated messages, no session to end (the spec's 405 for both).
const notAllowed = handler(async () => jsonRpcError(405, -32000, "Method not allowed: this MCP endpoint is stateless; POST each message.", { allow: "POST" }));
export const GET = notAllowed;
export const DELETE = notAllowed;
