import { handler } from "@/lib/http/route";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

/** 200 when the database and media store answer, 503 otherwise; the body says which and why. */
export const GET = handler(async () => {
  const status = await health();
  return Response.json(status, { status: status.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
});
