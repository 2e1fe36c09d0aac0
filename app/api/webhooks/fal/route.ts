import { AppError } from "@/lib/errors";
import { parseJsonOrUndefined, readBodyBytes } from "@/lib/http/body";
import { handler } from "@/lib/http/route";
import { getJobByRequestId } from "@/lib/jobs/repository";
import { requestEnded } from "@/lib/jobs/runner";
import { falWebhookBodySchema, firstDelivery, loggableId, logRefusal, verifyFalDelivery } from "@/lib/webhooks/incoming";
import { webhookHeaderNames } from "@/lib/webhooks/signature";

/**
 * fal's webhook (sent when the studio submits with a public address, STUDIO_PUBLIC_URL). A verified
 * delivery wakes the job's driver; refusals (unsigned, forged, wrong key, stale or future, altered,
 * replayed) are 4xx, logged with the reason and the request id, never the body, and change nothing.
 * A delivery for a finished job, or for a request no job here has (deleted, or another app's), is
 * answered 200 and changes nothing: fal would retry anything else for hours to no end.
 */

/** fal's bodies carry the output itself (a long transcript can be large); the driver reads it from fal anyway. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export const POST = handler(async (req) => {
  const requestId = loggableId(req.headers.get(webhookHeaderNames("fal").requestId));
  const refuse = (error: AppError) => {
    logRefusal(`[studio] refused a fal webhook for request ${requestId}: ${error.message}`);
    return error.toResponse();
  };
  let body: Buffer;
  try {
    body = await readBodyBytes(req, MAX_BODY_BYTES, "A webhook delivery");
  } catch (err) {
    if (err instanceof AppError) return refuse(err);
    throw err;
  }
  const verified = await verifyFalDelivery(req.headers, body);
  if (!verified.ok) return refuse(new AppError("unauthorized", `Not signed by fal: ${verified.reason}.`));
  const parsed = falWebhookBodySchema.safeParse(parseJsonOrUndefined(body.toString("utf8")));
  if (!parsed.success || parsed.data.request_id !== verified.requestId) {
    return refuse(new AppError("bad_request", "The body is not fal's webhook body for the signed request."));
  }
  if (!firstDelivery(req.headers, verified.timestamp)) return refuse(new AppError("conflict", "This delivery was taken already (a replay)."));
  const job = await getJobByRequestId(verified.requestId);
  if (job) await requestEnded(job);
  else console.log(`[studio] fal webhook for request ${requestId}: no job here has it; nothing to do`);
  return Response.json({ received: true });
});
