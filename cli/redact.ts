/**
 * The worker never prints a key. Every write to stdout and stderr — its own JSON, the library's
 * logs, an upstream error that echoes the key back, a --verbose trace — passes through here and
 * has the values of the configured secrets replaced. One place, installed before anything runs.
 */

const MASK = "[redacted]";
/** Settings that hold secrets by name; a value shorter than this is not treated as one (it would mask ordinary text). */
const SECRET_NAME = /(^|_)(KEY|SECRET|TOKEN|PASSWORD)(_|$)|^DATABASE_URL$/;
const MIN_SECRET = 6;

/** The secret values in an environment: whole values, and the parts of `id:secret` keys and URL passwords. */
export function secretsOf(environment: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(environment)) {
    if (!value || !SECRET_NAME.test(name)) continue;
    const parts = [value, ...value.split(":")];
    if (/^[a-z]+:\/\//i.test(value)) {
      try {
        const url = new URL(value);
        parts.splice(1, parts.length, decodeURIComponent(url.password));
      } catch {
        // not a URL after all: its parts stand
      }
    }
    for (const p of parts) if (p.trim().length >= MIN_SECRET) found.add(p.trim());
  }
  // Longest first, so a key is masked whole before any part of it.
  return [...found].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/** Filters every later write to stdout and stderr. */
export function installRedaction(secrets: readonly string[]): void {
  if (!secrets.length) return;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk);
      return write(redact(text, secrets), ...rest);
    }) as typeof stream.write;
  }
}
