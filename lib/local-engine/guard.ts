import "server-only";
import { engines } from "@/lib/env";

/** The engine answers only while it stands in for a service, so it is never a second door to fal. */
export function engineGuard(): Response | undefined {
  const e = engines();
  if (e.fal === "local" || e.llm === "local") return undefined;
  return Response.json({ detail: "The local engine is off: this studio uses fal.ai and OpenAI." }, { status: 404 });
}
