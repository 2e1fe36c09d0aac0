import { z } from "zod";
import { validationError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { openStream } from "@/lib/http/open-streams";
import { SSE_HEADERS } from "@/lib/http/sse";
import { handler } from "@/lib/http/route";
import { jobEventStream, MAX_STREAMED_JOBS } from "@/lib/jobs/job-events";

const querySchema = z.object({
  ids: z
    .string()
    .max(MAX_STREAMED_JOBS * 64)
    .transform((ids) => [...new Set(ids.split(",").filter(Boolean))])
    .pipe(z.array(z.string().max(63)).min(1, "Name at least one job").max(MAX_STREAMED_JOBS, `At most ${MAX_STREAMED_JOBS} jobs a stream`)),
});

/**
 * Jobs' records as they change, as server-sent events (`job`, `gone`, then `end` when all have
 * finished): how the pages follow unfinished jobs without polling. `?ids=<id>,<id>…`. A 429 past
 * the open streams' caps (lib/http/open-streams.ts).
 */
export const GET = handler(
  async (req) => {
    const query = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!query.success) throw validationError(query.error);
    const close = openStream(clientAddress(req.headers));
    return new Response(jobEventStream(query.data.ids, req.signal, close), { headers: SSE_HEADERS });
  },
  { refuseCrossSiteReads: true },
);
