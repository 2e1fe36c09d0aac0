import { handler } from "@/lib/http/route";
import { cancelJob } from "@/lib/jobs/runner";

export const POST = handler(async (_req, { params }: { params: Promise<{ id: string }> }) =>
  Response.json(await cancelJob((await params).id)),
);
