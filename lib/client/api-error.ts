import type { FieldErrors } from "@/lib/errors";

/** A failed call to the studio's API (./api), with the server's message; apart so a check of it loads no client. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code = "error", readonly fields?: FieldErrors) {
    super(message);
  }
}
