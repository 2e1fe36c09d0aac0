import { AppError } from "@/lib/errors";
import { handler } from "@/lib/http/route";
import { getJob } from "@/lib/jobs/store";

export const GET = handler(async (_req, { params }: { params: Promise<{ id: string }> }) => {
  const job = getJob((await params).id);
  if (!job) throw new AppError("not_found", "No such job.");
  return Response.json(job, { headers: { "cache-control": "no-store" } });
});
