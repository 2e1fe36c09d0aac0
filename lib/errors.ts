// Only zod's base error class, not the library: the proxy answers with AppError before every page.
import { $ZodError } from "zod/v4/core";

export type ErrorCode =
  | "bad_request"
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "range_not_satisfiable"
  | "rate_limited"
  | "unsupported"
  | "insufficient_storage"
  | "upstream"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  rate_limited: 429,
  unsupported: 415,
  insufficient_storage: 507,
  upstream: 502,
  unavailable: 503,
  internal: 500,
};

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(STATUS, code);

export type FieldErrors = Record<string, string>;

/** The one error shape every API route answers with: `{ error: { code, message, fields? } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly status: number = STATUS[code],
  ) {
    super(message);
    this.name = "AppError";
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }

  toResponse(): Response {
    return Response.json(this.toJSON(), { status: this.status });
  }
}

/** Turns zod issues into one message per field, keyed by dotted path. */
export function fieldErrors(error: $ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function validationError(error: $ZodError): AppError {
  const fields = fieldErrors(error);
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === "_" ? first[1] : `${first[0]}: ${first[1]}`) : "Invalid input";
  return new AppError("validation", message, fields);
}
