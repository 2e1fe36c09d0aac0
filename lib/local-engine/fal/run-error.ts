/** An error the engine answers with an HTTP status and fal's `detail` (a message, or 422's field list): from a model run or from storage. */
export class RunError extends Error {
  constructor(readonly status: number, readonly detail: unknown) {
    super(typeof detail === "string" ? detail : "Run failed");
  }
}
