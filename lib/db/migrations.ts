import { sql, type Kysely, type Migration } from "kysely";

/**
 * Versioned migrations, run in order on start. Written once for both dialects: only types both
 * SQLite and PostgreSQL read the same way (text, integer, double precision).
 * Never edit a shipped migration; add the next one.
 */
export const migrations: Record<string, Migration> = {
  "0001_jobs": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("task", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("engine", "text", (c) => c.notNull())
        .addColumn("endpoint_id", "text", (c) => c.notNull())
        .addColumn("request_id", "text")
        .addColumn("share_id", "text", (c) => c.unique())
        .addColumn("search_text", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .addColumn("record", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("jobs_created").on("jobs").columns(["created_at", "id"]).execute();
      await db.schema.createIndex("jobs_task_created").on("jobs").columns(["task", "created_at", "id"]).execute();
      await db.schema.createIndex("jobs_status_created").on("jobs").columns(["status", "created_at", "id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("jobs").execute();
    },
  },
  "0002_media": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("media")
        .addColumn("sha256", "text", (c) => c.primaryKey())
        .addColumn("ext", "text", (c) => c.notNull())
        .addColumn("content_type", "text", (c) => c.notNull())
        .addColumn("bytes", "integer", (c) => c.notNull())
        .addColumn("width", "integer")
        .addColumn("height", "integer")
        .addColumn("duration_sec", sql`double precision`)
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("media").execute();
    },
  },
  // A video stored again (same bytes) must come back with the poster made the first time.
  "0003_media_poster": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("media").addColumn("poster_url", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("media").dropColumn("poster_url").execute();
    },
  },
  // Outgoing webhooks still to deliver are found again after a restart.
  "0004_jobs_webhook_state": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("jobs").addColumn("webhook_state", "text").execute();
      await db.schema.createIndex("jobs_webhook_state").on("jobs").column("webhook_state").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("jobs").dropColumn("webhook_state").execute();
    },
  },
  // fal's webhooks name the request, not the job.
  "0005_jobs_request_id": {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex("jobs_request_id").on("jobs").column("request_id").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("jobs_request_id").execute();
    },
  },
};
