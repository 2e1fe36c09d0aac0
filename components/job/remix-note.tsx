import Link from "next/link";
import type { ReactNode } from "react";
import { ShuffleIcon } from "@/components/ui/icons";
import type { Seed } from "./remix-types";

/**
 * A quiet line at the top of a generator form opened with ?remix= (none for any other seed). The
 * page renders it on the server and hands it to its form: a page opened without one loads none of
 * its code.
 */
export function RemixNote({ seed, children }: { seed: Seed<unknown> | undefined; children?: ReactNode }) {
  if (!seed?.jobId) return null;
  const { jobId, missing = [] } = seed;
  return (
    <div role="note" data-testid="remix-note" className="flex gap-2.5 rounded-xl border border-violet-500/30 bg-violet-500/10 px-3 py-2.5 text-xs leading-relaxed text-zinc-300">
      <ShuffleIcon size={14} className="mt-0.5 shrink-0 text-violet-300" />
      <div className="min-w-0">
        <p>
          Remixing{" "}
          <Link href={`/jobs/${jobId}`} className="font-medium text-violet-200 underline decoration-violet-400/40 underline-offset-2 hover:decoration-violet-300">
            a previous job
          </Link>
          : every setting is filled in from it. Change what you like and generate.
        </p>
        {missing.length > 0 ? <p className="mt-1 text-amber-200/90">Its {missing.join(" and ")} is no longer stored; upload it again.</p> : null}
        {children ? <p className="mt-1">{children}</p> : null}
      </div>
    </div>
  );
}
