"use client";

import { lazyView } from "@/lib/client/lazy-view";

/**
 * The client components of the tasks' result views, each loading when a result renders it. The job
 * and share pages render a finished job's result on the server, and Next puts every client component
 * a page's server code names into that page's first load: named directly, every task's result code
 * (compare slider, lightbox grid, markdown, transcript, player) came with every job's page. This way
 * a page loads its own task's part as it hydrates, the server's markup standing until then.
 */
export const BeforeAfter = lazyView(() => import("@/components/job/before-after").then((m) => m.BeforeAfter));
export const ImageGrid = lazyView(() => import("@/components/job/image-grid").then((m) => m.ImageGrid));
export const PromptCard = lazyView(() => import("@/components/prompts/prompt-card").then((m) => m.PromptCard));
export const TextAnswer = lazyView(() => import("@/components/text/text-answer").then((m) => m.TextAnswer));
export const TranscriptView = lazyView(() => import("@/components/transcribe/transcript-view").then((m) => m.TranscriptView));
export const VideoPlayer = lazyView(() => import("@/components/job/video-player").then((m) => m.VideoPlayer));
