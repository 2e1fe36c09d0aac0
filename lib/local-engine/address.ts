/**
 * The local engine serves fal's hosts under one path of this app, so the real SDK code runs
 * unchanged: `https://queue.fal.run/x` is answered at `{base}/api/local/fal/queue.fal.run/x`.
 */
export const LOCAL_FAL_PATH = "/api/local/fal";
export const LOCAL_OPENAI_PATH = "/api/local/openai/v1";

export const FAL_HOSTS = ["queue.fal.run", "fal.run", "rest.fal.ai"] as const;
export type FalHost = (typeof FAL_HOSTS)[number];

function isFalHost(host: string): host is FalHost {
  return (FAL_HOSTS as readonly string[]).includes(host);
}

/** Maps a fal URL onto the local engine at `base`; other URLs pass through untouched. */
export function toLocalEngineUrl(url: string, base: string): string {
  const parsed = new URL(url);
  if (!isFalHost(parsed.host)) return url;
  return `${base.replace(/\/$/, "")}${LOCAL_FAL_PATH}/${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** The inverse, for the engine: which fal URL a local path stands for. */
export function fromLocalEnginePath(segments: string[], search: string): { host: FalHost; path: string[]; url: URL } | undefined {
  const [host, ...path] = segments;
  if (!host || !isFalHost(host)) return undefined;
  return { host, path, url: new URL(`https://${host}/${path.join("/")}${search}`) };
}
