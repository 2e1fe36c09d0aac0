/**
 * Empty on purpose. Turbopack, whose root must be the repo (for node_modules), falls back to the
 * repo's own instrumentation.ts and proxy.ts when a project has none: these keep the studio's out.
 */
export function register() {}
