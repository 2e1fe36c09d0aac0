import { AppError } from "@/lib/errors";
import { handler } from "@/lib/http/route";
import { remove } from "@/lib/jobs/actions";
import { getJob } from "@/lib/jobs/repository";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handler(async (_req, { params }: Ctx) => {
  const job = await getJob((await params).id);
  if (!job) throw new AppError("not_found", "No such job.");
  return Response.json(job, { headers: { "cache-control": "no-store" } });
});

export const DELETE = handler(async (_req, { params }: Ctx) => {
  await remove((await params).id);
  return new Response(null, { status: 204 });
});
