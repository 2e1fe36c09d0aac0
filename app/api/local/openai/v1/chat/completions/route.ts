import { handler } from "@/lib/http/route";
import { handleLocalChatCompletions } from "@/lib/local-engine/openai/handler";
import { engineGuard } from "@/lib/local-engine/guard";

export const POST = handler(async (req) => engineGuard() ?? handleLocalChatCompletions(req));
