/**
 * Secret values as configured (FAL_KEY, OPENAI_API_KEY, any *_KEY / *_SECRET / *_TOKEN /
 * *_PASSWORD, a DATABASE_URL's password), and text with them masked: for messages that may carry
 * one back from a vendor (an upstream error echoing the key) before they are kept or shown.
 */

const MASK = "[redacted]";
/** Settings that hold secrets by name; a value shorter than this is not treated as one (it would mask ordinary text). */
const SECRET_NAME = /(^|_)(KEY|SECRET|TOKEN|PASSWORD)(_|$)|^DATABASE_URL$/;
const MIN_SECRET = 6;

/** The secret values in an environment: whole values, and the parts of `id:secret` keys and URL passwords. */
export function secretsOf(environment: Record<string, string | undefined>): string[] {
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

/** The text with this process's configured secrets masked. */
export const withoutSecrets = (text: string): string => redact(text, secretsOf(process.env));

/**
 * What a log line says of something thrown: its message (with `stack`, its stack), configured
 * secrets masked. A driver's or a vendor's error may echo a key or a database password back.
 */
export function errorText(err: unknown, { stack = false }: { stack?: boolean } = {}): string {
  const text = err instanceof Error ? ((stack ? err.stack : undefined) ?? err.message) : String(err);
  return withoutSecrets(text);
}
