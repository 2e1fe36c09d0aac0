import { handler } from "@/lib/http/route";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = handler(async () => Response.json(await health(), { headers: { "cache-control": "no-store" } }));
