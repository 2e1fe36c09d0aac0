import "server-only";
import type { z } from "zod";
import { storageFailure } from "@/lib/disk";
import { env } from "@/lib/env";
import { AppError, validationError } from "@/lib/errors";
import { toErrorResponse } from "./error-response";
import { baseType } from "@/lib/media/types";
import { isShuttingDown } from "@/lib/shutdown";
import { hasBody, readJsonValue } from "./body";
import { foreignPageRefusal, isSafeMethod } from "./cross-site";
import { hostRefusal } from "./host-check";
import { withSecurityHeaders } from "./security-headers";

/**
 * The one wrapper every API route handler goes through, so no route can forget it (a unit test
 * checks every exported method of every route). Before the handler runs, a state-changing request
 * must come from the studio's own pages or from a program (never from another site's page), and a
 * body must be of a type the route takes. Whatever the handler throws becomes the one JSON error shape.
 */

export type RouteOptions = {
  /**
   * Raw body types the route takes besides JSON (uploads), or "any" when the route checks types
   * itself (the local engine, which speaks fal's protocol). Unset: JSON or no body.
   */
  bodyTypes?: readonly string[] | "any";
  /** Refuse other sites' pages even for a read: a held event stream is work no page elsewhere should make the studio do. */
  refuseCrossSiteReads?: boolean;
};

export const ROUTE_WRAPPED = Symbol.for("studio.route-handler");
type Wrapped<C> = ((req: Request, ctx: C) => Promise<Response>) & { [ROUTE_WRAPPED]: true };

const JSON_TYPE = "application/json";

function trustedOrigins(): string[] {
  const url = env().STUDIO_PUBLIC_URL;
  return url ? [new URL(url).origin] : [];
}

/** Undefined when the request may reach the handler; otherwise the refusal. */
function guardRequest(req: Request, options: RouteOptions = {}): AppError | undefined {
  const wrongHost = hostRefusal(req.headers.get("host"));
  if (wrongHost) return new AppError("forbidden", wrongHost);
  if (isSafeMethod(req.method) && !options.refuseCrossSiteReads) return undefined;
  if (isShuttingDown() && !isSafeMethod(req.method)) return new AppError("unavailable", "The studio is restarting; try again in a moment.");
  const refusal = foreignPageRefusal(req.headers, trustedOrigins());
  if (refusal) {
    const rule = isSafeMethod(req.method) ? "serves this only to its own pages and to programs" : "takes changes only from its own pages and from programs";
    return new AppError("forbidden", `Refused ${refusal}: the studio ${rule}.`);
  }
  if (isSafeMethod(req.method) || options.bodyTypes === "any" || !hasBody(req)) return undefined;
  const type = baseType(req.headers.get("content-type") ?? "");
  const accepted = [JSON_TYPE, ...(options.bodyTypes ?? [])];
  if (!accepted.includes(type)) {
    return new AppError("unsupported", `This call takes ${accepted.join(" or ")}, not ${type || "a body without a Content-Type"}.`);
  }
  return undefined;
}

export function handler<C>(fn: (req: Request, ctx: C) => Promise<Response>, options: RouteOptions = {}): Wrapped<C> {
  const wrapped = async (req: Request, ctx: C): Promise<Response> => {
    let res: Response;
    try {
      const refused = guardRequest(req, options);
      res = refused ? refused.toResponse() : await fn(req, ctx);
    } catch (err) {
      // A caller that hung up mid-body is not a server fault (and must not be a way to flood the log).
      if (req.signal.aborted) return new Response(null, { status: 499 });
      res = toErrorResponse(storageFailure(err) ?? err);
    }
    return withSecurityHeaders(res);
  };
  return Object.assign(wrapped, { [ROUTE_WRAPPED]: true as const });
}

const MAX_JSON_BYTES = 256 * 1024;

/**
 * Reads a JSON body and validates it: 415 unless it says it is JSON, 413 past the limit (before
 * reading the rest), 400 for unreadable JSON, 422 per field.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const body = await readJsonValue(req, MAX_JSON_BYTES);
  if (body === undefined) throw new AppError("bad_request", "The request body must be JSON.");
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
