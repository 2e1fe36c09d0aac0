import { AppError } from "@/lib/errors";
import { baseType } from "@/lib/media/types";

/** Request bodies and their limits: a body is measured before it is read, and reading stops at the limit. */

export const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`;

function tooLarge(maxBytes: number, what = "The request body"): AppError {
  return new AppError("payload_too_large", `${what} is larger than the limit of ${formatBytes(maxBytes)}.`);
}

/** The declared length, when there is one: lets an oversized body be refused before a byte is read. */
export function declaredLength(headers: Headers): number | undefined {
  const raw = headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

/** Whether the request carries a body at all: over HTTP/1.1, a length above zero or a chunked one. */
export function hasBody(req: Request): boolean {
  const length = declaredLength(req.headers);
  return length !== undefined ? length > 0 : req.headers.has("transfer-encoding");
}

/**
 * Reads a whole body (a request's, or a response's), refusing it (413, naming the limit) once more
 * than `maxBytes` arrive; the rest is never read. A declared Content-Length over the limit is refused at once.
 */
export async function readBodyBytes(req: Pick<Request, "headers" | "body">, maxBytes: number, what?: string): Promise<Buffer> {
  const length = declaredLength(req.headers);
  if (length !== undefined && length > maxBytes) throw tooLarge(maxBytes, what);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, what);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as text, read within the limit as above. */
export async function readBodyText(req: Request, maxBytes: number, what?: string): Promise<string> {
  return (await readBodyBytes(req, maxBytes, what)).toString("utf8");
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A body that says it is JSON (415 otherwise), read within `maxBytes` (413 past it): its value, or
 * undefined when it does not parse, for the caller to answer in its own protocol's terms.
 */
export async function readJsonValue(req: Request, maxBytes: number, what?: string): Promise<unknown> {
  const type = baseType(req.headers.get("content-type") ?? "");
  if (type !== "application/json") throw new AppError("unsupported", `Send the body as application/json${type ? `, not ${type}` : ""}.`);
  return parseJsonOrUndefined(await readBodyText(req, maxBytes, what));
}
