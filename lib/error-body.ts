import { z } from "zod";

/** An error response's body (AppError.toJSON), as a client of the API reads it. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});
