import "server-only";
import type { ExpressionBuilder } from "kysely";
import { db } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import { ACTIVE_STATUSES, isTerminal, STATUSES } from "./statuses";

/**
 * What the job sweeper (./sweeper.ts) asks of the jobs table, answered from its columns alone: no
 * record is parsed, so the start-up, which loads the sweeper, needs neither the job schema (zod)
 * nor the task registry and model catalog that schema pulls in. The rest of the job queries, which
 * read records, are in ./repository.ts.
 */

/** Unfinished jobs nobody is driving: no lease, an expired one, or `owner`'s own from before a restart. */
export const unclaimed = (owner: string, now: string) => (eb: ExpressionBuilder<Database, "jobs">) =>
  eb.and([
    eb("status", "in", ACTIVE_STATUSES),
    eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now), eb("lease_owner", "=", owner)]),
  ]);

/** Whether claimUnfinished (./repository.ts) would find a job, without taking any. */
export async function hasUnclaimedJobs(owner: string): Promise<boolean> {
  const row = await (await db()).selectFrom("jobs").select("id").where(unclaimed(owner, new Date().toISOString())).limit(1).executeTakeFirst();
  return Boolean(row);
}

/** Finished jobs whose webhook is still to be delivered (after a restart). */
export async function pendingWebhooks(limit = 50): Promise<string[]> {
  const rows = await (await db()).selectFrom("jobs").select("id").where("webhook_state", "=", "pending").where("status", "in", STATUSES.filter(isTerminal)).limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Ends this instance's leases on fal jobs at once (shutdown), so another instance takes them up now
 * rather than when the leases run out. Local-engine jobs keep theirs: only this instance's engine
 * has their requests, and it resumes them when it starts again.
 */
export async function releaseFalLeases(owner: string): Promise<number> {
  const res = await (await db())
    .updateTable("jobs")
    .set({ lease_until: new Date(0).toISOString() })
    .where("lease_owner", "=", owner)
    .where("status", "in", ACTIVE_STATUSES)
    .where("engine", "=", "fal")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
