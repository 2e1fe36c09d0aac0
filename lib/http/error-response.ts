import "server-only";
import { $ZodError } from "zod/v4/core";
import { AppError, validationError } from "@/lib/errors";
import { errorText } from "@/lib/secrets";

/** Maps anything thrown inside a handler to a response without leaking internals. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof AppError) return err.toResponse();
  if (err instanceof $ZodError) return validationError(err).toResponse();
  console.error("[studio] unhandled error:", errorText(err));
  return new AppError("internal", "Something went wrong on the server.").toResponse();
}
