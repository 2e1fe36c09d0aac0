"use client";

import { useState } from "react";
import { CompareSlider } from "@/components/ui/compare-slider";
import { ToggleGroup } from "@/components/ui/toggle-group";
import type { JobRecord, MediaOutput } from "@/lib/jobs/schema";
import { ImageGrid } from "./image-grid";

/**
 * An edit beside what it started from: a before/after slider over the original and one result
 * (chosen when there are several), then every result with its download. The original image is
 * labelled so it can be found without the slider.
 */
export function BeforeAfter({ originalUrl, outputs, prompt, seed, kind, job, beforeLabel = "Original image", testId = "before-after" }: {
  originalUrl: string;
  /** What the "before" image is, for screen readers (e.g. the control map a picture followed). */
  beforeLabel?: string;
  outputs: MediaOutput[];
  prompt?: string;
  seed?: number | null;
  /** What a download is named after when there is no prompt. */
  kind?: string;
  /** The studio job they came from (see ImageGrid). */
  job?: Pick<JobRecord, "id" | "shareId">;
  testId?: string;
}) {
  const [shown, setShown] = useState("0");
  const after = outputs[Number(shown)] ?? outputs[0];
  if (!after) return null;
  return (
    <div className="flex flex-col gap-3" data-testid={testId}>
      {outputs.length > 1 ? (
        <ToggleGroup label="Compare" value={shown} onChange={setShown} options={outputs.map((_, i) => ({ value: String(i), label: `Result ${i + 1}` }))} />
      ) : null}
      <CompareSlider beforeUrl={originalUrl} afterUrl={after.url} beforeAlt={beforeLabel} afterAlt={`Result ${Number(shown) + 1}`} />
      <ImageGrid outputs={outputs} prompt={prompt} seed={seed} kind={kind} job={job} />
    </div>
  );
}
