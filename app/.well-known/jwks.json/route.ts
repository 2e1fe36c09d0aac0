import { handler } from "@/lib/http/route";
import { jwksOf } from "@/lib/webhooks/keys";

/** The public key the studio signs its outgoing webhooks with (lib/webhooks/deliver.ts). */
export const GET = handler(async () =>
  Response.json(jwksOf("studio"), { headers: { "cache-control": "public, max-age=300" } }),
);
