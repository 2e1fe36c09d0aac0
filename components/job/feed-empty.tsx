import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * What a generator page shows where its results will appear, before there are any. The page renders
 * it on the server and hands it to its form (the form decides when it shows), so neither its words
 * nor its markup are part of the page's script.
 */
export function FeedEmpty({ icon, title, text }: { icon: ReactNode; title: string; text: string }) {
  return <EmptyState icon={icon} title={title} text={text} className="min-h-80" />;
}
