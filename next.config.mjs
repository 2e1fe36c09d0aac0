/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Route handlers stream media; keep sharp (native) out of the server bundle.
  serverExternalPackages: ["sharp"],
  experimental: {
    // Route modules load on their first request, not all at start: the studio has ~35 routes, and
    // loading every one (the MCP SDK, the local engine, every task) doubled the cold start's work.
    preloadEntriesOnStart: false,
    // proxy.ts holds the bodies of the requests it sees in memory; it sees pages and malformed API
    // paths only, none of which take a body worth keeping (see proxy.ts).
    proxyClientMaxBodySize: "64kb",
  },
};

export default nextConfig;
