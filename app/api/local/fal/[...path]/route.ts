import { handleLocalFal } from "@/lib/local-engine/fal/handler";
import { engineGuard } from "@/lib/local-engine/guard";

/** The embedded local engine's fal protocol (queue, sync run, storage, files). */
async function handle(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return engineGuard() ?? handleLocalFal(req, (await params).path);
}
export { handle as GET, handle as POST, handle as PUT };
