import path from "node:path";

const repo = path.resolve(import.meta.dirname, "../..");

/**
 * The bench's anchor: a bare Next app, as close to the defaults as the repo allows. `next` and
 * `react` resolve from the repo's node_modules, so Turbopack's root (and file tracing) is the repo.
 * Its sources are type-checked by the repo's `tsc --noEmit`, so the build skips that step.
 */
const nextConfig = {
  turbopack: { root: repo },
  outputFileTracingRoot: repo,
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
