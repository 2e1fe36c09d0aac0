import "server-only";
import type { InputOf, Task } from "@/lib/tasks/registry";
import type { HandoffKind } from "./handoff";
import type { Seed } from "./remix-types";
import type { Query } from "./seed-sources";

// The query parameters a seed comes from: `?remix=` and each kind of handoff (./handoff.ts).
const SEED_PARAMS = Object.keys({ remix: true, image: true, audio: true, text: true } satisfies Record<"remix" | HandoffKind, true>);

/**
 * What the `task` page starts with: the job named by `?remix=`, else a result handed on to it, else
 * nothing. A page opened plainly, the usual case and a cold start's first page, loads none of the
 * code that reads a seed (the job store, media and every task's schemas).
 */
export async function loadSeed<T extends Task>(query: Query, task: T): Promise<Seed<InputOf<T>> | undefined> {
  if (!SEED_PARAMS.some((param) => query[param] !== undefined)) return undefined;
  const { loadHandoff, loadRemix } = await import("./seed-sources");
  return query.remix !== undefined ? loadRemix(query.remix, task) : loadHandoff(query, task);
}
