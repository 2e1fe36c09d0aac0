import { handler } from "@/lib/http/route";
import { rerun } from "@/lib/jobs/runner";

export const POST = handler(async (_req, { params }: { params: Promise<{ id: string }> }) =>
  Response.json(await rerun((await params).id), { status: 201 }),
);
