import "server-only";
import type { Segment, MediaOutput } from "@/lib/jobs/schema";
import type { CallOptions, FileInput, RemoteFile } from "@/lib/providers/call";
import type { Family, FamilyInput } from "@/lib/providers/catalog";
import type { RunContext } from "@/lib/local-engine/fal/models";

/** The server half of a task that a provider runs from its queue. */

/** Decided when the job is created, before anything is uploaded: refusals here become field errors. */
export type Prepared = {
  endpointId: string;
  family: Family;
  /** Sent to the provider, and kept on the record, so the record says which seed made the result. */
  seed: number | null;
  /** Studio files the job reads, checked (still stored, right kind, within the endpoint's pixel limit) before it starts. */
  media: { url: string; field: string; kind: "image" | "audio"; /** Images: the fewest pixels each side must have. */ minSide?: number }[];
};

export type TaskOutput = {
  /** Files the provider made; the runner copies each into the studio's store. */
  files: { file: RemoteFile; kind: MediaOutput["kind"] }[];
  seed?: number | null;
  text?: string;
  segments?: Segment[];
};

export type RunArgs = {
  seed: number | null;
  /** A studio file as the provider function takes it (read only if the request is not yet submitted). */
  file: (url: string) => FileInput;
  call: CallOptions & { endpointId: string };
};

export type QueueServerTask<I> = {
  prepare(input: I): Prepared;
  run(input: I, args: RunArgs): Promise<TaskOutput>;
};

/** A family's model on the local engine: the endpoint's input in, fal's output shape out. */
export type LocalGenerator<F extends Family> = (input: FamilyInput<F>, ctx: RunContext) => Promise<unknown>;
export type LocalGenerators<F extends Family> = { [K in F]: LocalGenerator<K> };
