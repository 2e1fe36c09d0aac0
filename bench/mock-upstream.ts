/**
 * The bench's upstream, a plain `node:http` server on loopback (run as its own process, so its work
 * is not charged to the load generator):
 * - fal queue status GETs (`…/requests/{id}/status`, under any prefix) answer a small JSON, as fal
 *   does for a request in progress. Both the studio's proxy and the anchor's forward here.
 * - `POST /sink` reads the body and answers its size: plain Node reading the bytes the studio's
 *   upload route stores, the baseline for upload throughput.
 *
 *   tsx bench/mock-upstream.ts   → prints the port it listens on
 */
import http from "node:http";

const STATUS = /\/requests\/([\w-]+)\/status$/;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://upstream");
  const status = url.pathname.match(STATUS);
  if (req.method === "GET" && status) {
    const base = `https://queue.fal.run/fal-ai/flux/requests/${status[1]}`;
    const body = JSON.stringify({ status: "IN_PROGRESS", request_id: status[1], response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel`, logs: null });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  if (req.method === "POST" && url.pathname === "/sink") {
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ bytes })));
    return;
  }
  res.writeHead(404, { "content-type": "application/json" }).end('{"detail":"Not Found"}');
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  console.log(port);
});
// The bench closes stdin when it is done (or dies): stop then, whatever happened to the bench.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
