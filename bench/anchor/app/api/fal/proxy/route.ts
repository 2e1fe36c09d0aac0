import { createRouteHandler } from "@fal-ai/server-proxy/nextjs";

/**
 * fal's own Next.js proxy with nothing added, forwarding to the bench's mock upstream
 * (BENCH_UPSTREAM_HOST, host:port on loopback): the baseline for the studio's /api/fal/proxy.
 */
export const { GET, POST, PUT } = createRouteHandler({
  allowedUrlPatterns: [`${process.env.BENCH_UPSTREAM_HOST ?? "127.0.0.1"}/**`],
  allowUnauthorizedRequests: true,
  resolveFalAuth: async () => "Key anchor",
});
