import { handler } from "@/lib/http/route";
import { serveMedia } from "@/lib/media/store";

export const GET = handler(async (req, { params }: { params: Promise<{ name: string }> }) => serveMedia((await params).name, req));
export const HEAD = GET;
