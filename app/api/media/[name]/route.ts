import { serveMedia } from "@/lib/media/store";

export async function GET(req: Request, { params }: { params: Promise<{ name: string }> }) {
  return serveMedia((await params).name, req);
}
export const HEAD = GET;
