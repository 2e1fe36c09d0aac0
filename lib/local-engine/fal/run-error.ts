/** An error a model run reports to the caller with an HTTP status, like fal's 422 `detail`. */
export class RunError extends Error {
  constructor(readonly status: number, readonly detail: unknown) {
    super(typeof detail === "string" ? detail : "Run failed");
  }
}
