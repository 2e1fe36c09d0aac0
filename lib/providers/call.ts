import "server-only";
import type { z } from "zod";
import { anySignal } from "@/lib/any-signal";
import { AppError } from "@/lib/errors";
import { onRequestEvent, watchRequest } from "@/lib/jobs/request-events";
import { FAMILIES, familyOf, type Family, type Mode } from "./catalog";
import * as fal from "./fal";
import { configuredEndpoints, type SingleMode } from "./models";
import type { QueueStatus } from "./fal";
import { errorText } from "@/lib/secrets";

/**
 * How a provider function calls a fal endpoint through the queue: upload the files, submit, follow
 * the status until it completes (the endpoint's status stream, each change as it happens; polling
 * when the stream cannot serve), read the result with the family's own output schema. A caller that
 * keeps a record (the job runner) listens through the hooks and may resume a request it submitted
 * before a restart instead of sending it again.
 */

/** A file an endpoint reads: a public URL as is, or bytes uploaded to fal's storage first. */
export type FileInput = string | Blob | (() => Promise<Blob>);

export type CallOptions = {
  /** Which endpoint; the configured one for the task when left out. */
  endpointId?: string;
  /** A request submitted earlier (resuming after a restart): followed, not sent again. */
  requestId?: string | null;
  /** Told the request id as soon as there is one; answering false cancels the request and stops. */
  onSubmitted?: (requestId: string) => Promise<boolean>;
  /**
   * Every status read (a stream event, a check; at least every 10 s while a stream is quiet);
   * answering false stops following (the job was cancelled, or someone else drives it).
   */
  onStatus?: (status: QueueStatus) => Promise<boolean>;
  /** The longest wait between status checks once polling; a notice for the request (signalRequest) ends it early. */
  pollMs?: number;
  /** Where the provider posts when the request ends (fal's `fal_webhook`); it wakes the wait above. */
  webhookUrl?: string;
  signal?: AbortSignal;
};

/** A file a provider made, in the app's shape: where it is and what it is. */
export type RemoteFile = { url: string; contentType: string; width?: number; height?: number; durationSec?: number };

/** Thrown when a hook asked to stop: nothing is wrong, the caller chose to let go. */
export class CallStopped extends Error {
  constructor() {
    super("stopped following the request");
  }
}

/** The families that serve a mode: their outputs are what a provider function for it reads. */
export type FamilyOfMode<M extends Mode> = { [F in Family]: (typeof FAMILIES)[F]["mode"] extends M ? F : never }[Family];

export function resolveEndpoint<M extends SingleMode>(mode: M, requested: string | undefined): { endpointId: string; family: FamilyOfMode<M> } {
  const endpointId = requested ?? configuredEndpoints()[mode];
  const family = familyOf(endpointId, mode) as FamilyOfMode<M> | undefined;
  if (!family || FAMILIES[family].mode !== mode) throw new AppError("validation", `${endpointId} is not a ${mode} model.`, { model: "Pick one of the listed models" });
  return { endpointId, family };
}

async function uploaded(file: FileInput, name: string): Promise<string> {
  if (typeof file === "string") return file;
  const blob = typeof file === "function" ? await file() : file;
  return fal.upload({ data: blob, fileName: name });
}

/** How long a status stream may stay silent before a status check (which also tells onStatus, so leases are renewed). */
const QUIET_MS = 10_000;

/** Follows the request until it completes: its status stream while that serves, then status checks. */
async function follow(endpointId: string, requestId: string, opts: CallOptions): Promise<void> {
  // Watched from before the first check, so a webhook that lands during a check is not missed.
  const watch = watchRequest(requestId);
  try {
    if (await streamed(endpointId, requestId, opts)) return;
    for (;;) {
      const s = await fal.status({ endpointId, requestId });
      if (opts.onStatus && !(await opts.onStatus(s))) throw new CallStopped();
      if (s.status === "completed") return;
      await watch.next(opts.pollMs ?? 500, opts.signal);
      if (opts.signal?.aborted) throw new CallStopped();
    }
  } finally {
    watch.close();
  }
}

/**
 * Follows the request's status stream: true once it told COMPLETED; false when it could not be
 * opened, broke, or ended without it (a restart on the other side), and status checks take over.
 * A notice for the request (a webhook: it has ended) ends the stream too, for a check to read how.
 */
async function streamed(endpointId: string, requestId: string, opts: CallOptions): Promise<boolean> {
  const noticed = new AbortController();
  const off = onRequestEvent(requestId, () => noticed.abort());
  const { signal, dispose } = anySignal([opts.signal, noticed.signal]);
  let stream: fal.StatusStream | undefined;
  try {
    stream = await fal.openStatusStream({ endpointId, requestId, signal });
    for (;;) {
      const next = await stream.next(QUIET_MS);
      if (next === "ended") break;
      const s = next === "quiet" ? await fal.status({ endpointId, requestId }) : next;
      if (opts.onStatus && !(await opts.onStatus(s))) throw new CallStopped();
      if (s.status === "completed") return true;
    }
  } catch (err) {
    if (err instanceof CallStopped) throw err;
    if (!signal.aborted) console.warn(`[studio] the status stream of request ${requestId} failed (${errorText(err)}); checking its status instead`);
  } finally {
    stream?.close();
    off();
    dispose();
  }
  if (opts.signal?.aborted) throw new CallStopped();
  return false;
}

/**
 * Runs `input` (plus `files`, by endpoint field) on the endpoint and returns its output parsed with
 * the family's schema, typed: no caller reads a fal field the catalog does not declare.
 */
export async function callEndpoint<F extends Family>(
  family: F,
  endpointId: string,
  input: Record<string, unknown>,
  files: Record<string, FileInput>,
  opts: CallOptions = {},
): Promise<z.infer<(typeof FAMILIES)[F]["output"]>> {
  let requestId = opts.requestId ?? null;
  if (!requestId) {
    const urls: Record<string, string> = {};
    for (const [field, file] of Object.entries(files)) urls[field] = await uploaded(file, field);
    opts.signal?.throwIfAborted();
    ({ requestId } = await fal.submit({ endpointId, input: { ...input, ...urls }, webhookUrl: opts.webhookUrl }));
    if (opts.onSubmitted && !(await opts.onSubmitted(requestId))) {
      await fal.cancel({ endpointId, requestId });
      throw new CallStopped();
    }
  }
  await follow(endpointId, requestId, opts);
  const raw = await fal.result({ endpointId, requestId });
  const parsed = FAMILIES[family].output.safeParse(raw);
  if (!parsed.success) throw new AppError("upstream", `${endpointId} answered in an unexpected shape.`);
  return parsed.data as z.infer<(typeof FAMILIES)[F]["output"]>;
}
