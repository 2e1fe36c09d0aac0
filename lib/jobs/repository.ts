import "server-only";
import { sql, type Transaction } from "kysely";
import { db, dbKind } from "@/lib/db/client";
import { keyedNotices } from "@/lib/notices";
import type { Database } from "@/lib/db/schema";
import { jobRecordSchema, type JobRecord, type StatusFilter, type Task } from "./schema";
import { ACTIVE_STATUSES, isTerminal } from "./statuses";
import { unclaimed } from "./sweep-queries";
import { errorText } from "@/lib/secrets";

/**
 * Job records in the database. The record is stored whole as JSON; the columns beside it are
 * derived from it on every write (columnsOf), so there is one definition of a job: the zod schema.
 */

function searchText(r: JobRecord): string {
  const input = r.input as { prompt?: string; idea?: string; text?: string };
  return [input.prompt ?? input.idea ?? input.text ?? "", r.text?.slice(0, 2000) ?? ""].join(" ").toLowerCase();
}

function columnsOf(r: JobRecord) {
  return {
    id: r.id,
    task: r.task,
    status: r.status,
    engine: r.engine,
    endpoint_id: r.endpointId,
    request_id: r.requestId,
    share_id: r.shareId,
    webhook_state: r.webhook?.state ?? null,
    search_text: searchText(r),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    record: JSON.stringify(r),
  };
}

/**
 * Every change to a record written by this process (updateJob, deleteJob: every status change
 * passes there), told by job id once it is committed. Changes another process or instance writes
 * have no notice here: a follower re-reads now and then as well (./job-events.ts).
 */
const changes = keyedNotices("job-changes");
export const watchJobChanges = changes.watch;
export const onJobChange = changes.on;

const parse = (row: { record: string }): JobRecord => jobRecordSchema.parse(JSON.parse(row.record));

export async function insertJob(record: JobRecord, lease?: { owner: string; until: string }): Promise<JobRecord> {
  await (await db())
    .insertInto("jobs")
    .values({ ...columnsOf(record), lease_owner: lease?.owner ?? null, lease_until: lease?.until ?? null })
    .execute();
  return record;
}

export async function getJob(id: string): Promise<JobRecord | undefined> {
  const row = await (await db()).selectFrom("jobs").select("record").where("id", "=", id).executeTakeFirst();
  return row && parse(row);
}

/** The job a provider request belongs to (a webhook names only the request). */
export async function getJobByRequestId(requestId: string): Promise<JobRecord | undefined> {
  const row = await (await db()).selectFrom("jobs").select("record").where("request_id", "=", requestId).executeTakeFirst();
  return row && parse(row);
}

export async function getJobByShareId(shareId: string): Promise<JobRecord | undefined> {
  const row = await (await db()).selectFrom("jobs").select("record").where("share_id", "=", shareId).executeTakeFirst();
  return row && parse(row);
}

async function lockedRecord(trx: Transaction<Database>, id: string, postgres: boolean) {
  const query = trx.selectFrom("jobs").select("record").where("id", "=", id);
  return (postgres ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Applies `change` to the stored record atomically (row lock on PostgreSQL; SQLite serialises
 * writers). A status change is added to the timeline; `updatedAt` is always stamped.
 */
export async function updateJob(id: string, change: (job: JobRecord) => void): Promise<JobRecord | undefined> {
  const database = await db();
  const postgres = dbKind() === "postgres";
  const updated = await database.transaction().execute(async (trx) => {
    const row = await lockedRecord(trx, id, postgres);
    if (!row) return undefined;
    const job = parse(row);
    const before = job.status;
    change(job);
    const now = new Date().toISOString();
    if (job.status !== before) job.timeline.push({ status: job.status, at: now });
    job.updatedAt = now;
    const { id: _id, created_at: _created, ...columns } = columnsOf(job);
    await trx.updateTable("jobs").set(columns).where("id", "=", id).execute();
    return { job, ended: !isTerminal(before) && isTerminal(job.status) };
  });
  if (updated) changes.signal(id);
  // The one place every ending passes (runner, cancel, streams): the job's webhook goes out now.
  if (updated?.ended && updated.job.webhook) deliverWebhookSoon(id);
  return updated?.job;
}

/** Imported when needed: the delivery records its attempts through updateJob. */
function deliverWebhookSoon(id: string) {
  void import("@/lib/webhooks/deliver").then(({ deliverWebhook }) => deliverWebhook(id)).catch((err: unknown) => {
    console.error(`[studio] webhook of job ${id} not delivered:`, errorText(err));
  });
}

export async function deleteJob(id: string): Promise<JobRecord | undefined> {
  const database = await db();
  const deleted = await database.transaction().execute(async (trx) => {
    const row = await lockedRecord(trx, id, dbKind() === "postgres");
    if (!row) return undefined;
    await trx.deleteFrom("jobs").where("id", "=", id).execute();
    return parse(row);
  });
  if (deleted) changes.signal(id);
  return deleted;
}

// ---- History ----

export type JobQuery = { task?: Task; status?: StatusFilter; q?: string; cursor?: string; limit: number };

const encodeCursor = (createdAt: string, id: string) => Buffer.from(`${createdAt}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  return createdAt && id && !Number.isNaN(Date.parse(createdAt)) ? { createdAt, id } : undefined;
}

/** Newest first, keyset-paginated on (created_at, id) so pages stay fast and stable while jobs arrive. */
export async function listJobs(query: JobQuery): Promise<{ jobs: JobRecord[]; nextCursor: string | null }> {
  let q = (await db()).selectFrom("jobs").select(["record", "created_at", "id"]);
  if (query.task) q = q.where("task", "=", query.task);
  if (query.status === "active") q = q.where("status", "in", ACTIVE_STATUSES);
  else if (query.status) q = q.where("status", "=", query.status);
  if (query.q?.trim()) {
    const pattern = `%${query.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  }
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (after) {
    q = q.where((eb) =>
      eb.or([eb("created_at", "<", after.createdAt), eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)])]),
    );
  }
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { jobs: page.map(parse), nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null };
}

/** Whether any other job still refers to a media URL (inputs or outputs), before its file is removed. */
export async function mediaInUse(sha256: string): Promise<boolean> {
  const row = await (await db()).selectFrom("jobs").select("id").where("record", "like", `%${sha256}%`).limit(1).executeTakeFirst();
  return Boolean(row);
}

// ---- Leases: which instance drives an unfinished job (the sweeper's own queries: ./sweep-queries.ts) ----

/** Takes unfinished jobs nobody is driving and leases them to `owner`. */
export async function claimUnfinished(owner: string, leaseMs: number, limit = 50): Promise<JobRecord[]> {
  const database = await db();
  const until = new Date(Date.now() + leaseMs).toISOString();
  const claimable = unclaimed(owner, new Date().toISOString());
  const candidates = await database.selectFrom("jobs").select("id").where(claimable).orderBy("created_at").limit(limit).execute();
  if (candidates.length === 0) return [];
  await database
    .updateTable("jobs")
    .set({ lease_owner: owner, lease_until: until })
    .where("id", "in", candidates.map((c) => c.id))
    .where(claimable)
    .execute();
  const rows = await database.selectFrom("jobs").select("record").where("lease_owner", "=", owner).where("id", "in", candidates.map((c) => c.id)).execute();
  return rows.map(parse);
}

/** Leases an unfinished job to `owner` whoever held it (a webhook proved its request ended); false if it has ended. */
export async function takeLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
  const res = await (await db())
    .updateTable("jobs")
    .set({ lease_owner: owner, lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where("id", "=", id)
    .where("status", "in", ACTIVE_STATUSES)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function renewLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
  const res = await (await db())
    .updateTable("jobs")
    .set({ lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
