import { handler } from "@/lib/http/route";
import { share, unshare } from "@/lib/jobs/actions";

type Ctx = { params: Promise<{ id: string }> };

/** Makes the job public at /s/{shareId}; DELETE takes the link down (it then answers 404). */
export const POST = handler(async (_req, { params }: Ctx) => Response.json(await share((await params).id)));
export const DELETE = handler(async (_req, { params }: Ctx) => Response.json(await unshare((await params).id)));
