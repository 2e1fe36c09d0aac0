import { redact } from "@/lib/secrets";

/**
 * The worker never prints a key. Every write to stdout and stderr — its own JSON, the library's
 * logs, an upstream error that echoes the key back, a --verbose trace — passes through here and
 * has the values of the configured secrets (lib/secrets.ts) masked. One place, installed first.
 */

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
