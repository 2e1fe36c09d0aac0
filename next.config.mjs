/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Route handlers stream media; keep sharp (native) out of the server bundle.
  serverExternalPackages: ["sharp"],
  experimental: {
    // proxy.ts holds the bodies of the requests it sees in memory; it sees pages and malformed API
    // paths only, none of which take a body worth keeping (see proxy.ts).
    proxyClientMaxBodySize: "64kb",
  },
};

export default nextConfig;
