import type { Health } from "@/lib/health";
import { BannerFold } from "./banner-fold";

/** Set while the banner is folded; the layout reads it, so the banner renders folded from the start. */
export const FOLDED_COOKIE = "studio-banner-folded";

/** A plain line at the top of every page while any job would run on the local engine; its details fold. */
export function LocalEngineBanner({ status, folded }: { status: Health; folded: boolean }) {
  const { fal, llm } = status.engine;
  if (fal !== "local" && llm !== "local") return null;
  const what = fal === "local" && llm === "local" ? "every job" : fal === "local" ? "image, video and audio jobs" : "prompt drafting";
  const keys = [fal === "local" ? "FAL_KEY" : null, llm === "local" ? "OPENAI_API_KEY" : null].filter(Boolean).join(" and ");
  const off = Object.entries(status.features).filter(([, f]) => !f.available).map(([name]) => name);
  return (
    <div role="note" data-testid="local-engine-banner" className="mb-6 rounded-xl border border-amber-400/25 bg-amber-400/[0.07] px-4 py-2 text-sm text-amber-100/90">
      <BannerFold folded={folded} cookie={FOLDED_COOKIE} summary={<><strong className="font-semibold text-amber-200">Local engine:</strong> stand-in models answer {what}.</>}>
        They are procedural and run on this server, not on fal.ai or OpenAI. Set {keys} to use the real services.
        {off.length > 0 ? <span className="text-amber-200/80"> Off on this machine: {off.join(", ")} (see the page for what to install).</span> : null}
      </BannerFold>
    </div>
  );
}
