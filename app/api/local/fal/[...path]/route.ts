import { handler } from "@/lib/http/route";
import { handleLocalFal } from "@/lib/local-engine/fal/handler";
import { engineGuard } from "@/lib/local-engine/guard";

/** The embedded local engine's fal protocol (queue, sync run, storage, files); it checks body types as fal does. */
const handle = handler(
  async (req, { params }: { params: Promise<{ path: string[] }> }) => engineGuard() ?? handleLocalFal(req, (await params).path),
  { bodyTypes: "any" },
);
export { handle as GET, handle as POST, handle as PUT };
