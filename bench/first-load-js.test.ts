import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pageWeight } from "./first-load-js";

const chunks: Record<string, string> = { "/_next/static/a.js": "a".repeat(5000) + "x", "/_next/static/b.js?v=1&dpl=2": "console.log('b')" };
const html = `<html><head><script src="/_next/static/a.js" async=""></script></head><body>
<script src="/_next/static/b.js?v=1&amp;dpl=2" nomodule=""></script><script src="/_next/static/a.js"></script><script>self.__next_f=[]</script></body></html>`;
let origin = "";
const server = http.createServer((req, res) => {
  if (req.url === "/page") return res.end(html);
  const body = chunks[req.url ?? ""];
  res.writeHead(body === undefined ? 404 : 200).end(body);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("sums the gzip size of each script chunk the page loads, once each, with the HTML's entities decoded and the nomodule part apart", async () => {
  const expected = Object.values(chunks).reduce((sum, js) => sum + gzipSync(js, { level: 9 }).length, 0);
  const weight = await pageWeight(origin, "/page");
  expect(weight).toMatchObject({ scripts: 2, gzipBytes: expected, noModuleBytes: gzipSync(chunks["/_next/static/b.js?v=1&dpl=2"]!, { level: 9 }).length });
});
