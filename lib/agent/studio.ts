/**
 * What a program does with the studio — the command-line worker and the MCP server are written
 * against this — the same whether it talks to a running studio over HTTP (http-studio.ts) or runs
 * the jobs in this process on the same provider layer and data directory (local-studio.ts).
 * Every job started here is an ordinary job record: in History, shareable, re-runnable.
 */
import type { z } from "zod";
import type { GenerationInputDraft, JobRecord, StatusFilter, Task } from "@/lib/jobs/schema";
import type { promptDraftRequestSchema } from "@/lib/tasks/prompts/definition";
import type { textInputSchema } from "@/lib/tasks/text/definition";

export type JobOptions = {
  /** Told the finished job record, signed with the studio's key (see the webhooks docs). */
  webhookUrl?: string;
};

/** A streamed job's input: a text job, or prompt drafts. */
export type StreamInput = z.input<typeof textInputSchema> | ({ task: "prompts" } & z.input<typeof promptDraftRequestSchema>);

/** One NDJSON event of a streamed job, as /api/text and /api/prompts send them. */
export type StreamEvent = { type: string } & Record<string, unknown>;

export type StoredFile = { url: string; contentType: string; bytes: number; width?: number; height?: number; durationSec?: number };

export type HistoryQuery = { task?: Task; status?: StatusFilter; q?: string; cursor?: string; limit?: number };

export interface Studio {
  /** Where the jobs run: the studio's URL, or "in-process". */
  readonly where: string;
  /** The origin absolute links are made from (media, share pages). */
  readonly origin: string;
  /** Starts a queue job (image, inpaint, video, transcribe, background, speech, control); answers its record at once. */
  start(input: GenerationInputDraft, opts?: JobOptions): Promise<JobRecord>;
  /** Runs a text job or prompt drafting, telling each event as it is written; answers the finished record. */
  stream(input: StreamInput, onEvent: (event: StreamEvent) => void, opts?: JobOptions & { signal?: AbortSignal }): Promise<JobRecord>;
  job(id: string): Promise<JobRecord>;
  /** Follows a job until it ends, telling every change of its record. */
  wait(id: string, onChange?: (job: JobRecord) => void, signal?: AbortSignal): Promise<JobRecord>;
  cancel(id: string): Promise<JobRecord>;
  history(query: HistoryQuery): Promise<{ jobs: JobRecord[]; nextCursor: string | null }>;
  /** Makes a finished job public; answers the record and the share page's absolute URL. */
  share(id: string): Promise<{ job: JobRecord; url: string }>;
  /** Stores a file as an upload would (checked: it must decode as an image or audio). */
  upload(file: Blob, kind: "image" | "audio"): Promise<StoredFile>;
  close(): Promise<void>;
}
