import { handleLocalChatCompletions } from "@/lib/local-engine/openai/handler";
import { engineGuard } from "@/lib/local-engine/guard";

export async function POST(req: Request) {
  return engineGuard() ?? handleLocalChatCompletions(req);
}
