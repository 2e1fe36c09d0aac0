import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { CompiledQuery, DEFAULT_MIGRATION_TABLE, Kysely, Migrator, PostgresDialect, sql, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from "kysely";
import { dataDir, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";
import { migrations } from "./migrations";
import type { Database } from "./schema";
import { errorText } from "@/lib/secrets";

/**
 * One query layer, two engines: an embedded SQLite file (libsql) under the data directory by
 * default, PostgreSQL when DATABASE_URL is set so several studio instances can share it.
 * Migrations run once per process before the first query.
 */

export type DbKind = "sqlite" | "postgres";
type Handle = { kind: DbKind; location: string; db: Kysely<Database>; ready: Promise<void>; error?: string };

/** A connection string without its password, fit for logs and /api/health. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

async function createDialect(): Promise<{ kind: DbKind; location: string; dialect: PostgresDialect | SqliteDialect }> {
  const url = env().DATABASE_URL;
  if (url) {
    const { Pool } = await import("pg");
    const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
    // A dropped idle connection must not crash the server; the pool replaces it.
    pool.on("error", (err) => console.error("[studio] database connection error:", errorText(err)));
    return { kind: "postgres", location: redact(url), dialect: new PostgresDialect({ pool }) };
  }
  const file = path.join(dataDir(), "studio.db");
  mkdirSync(path.dirname(file), { recursive: true });
  const { default: Sqlite } = await import("libsql");
  const database = new Sqlite(file);
  database.exec("pragma journal_mode = wal; pragma busy_timeout = 5000; pragma synchronous = normal;");
  return { kind: "sqlite", location: file, dialect: sqliteDialect({ database }) };
}

/**
 * SQLite with transactions that take the write lock when they begin. Several processes share the
 * file (the server, the worker, a detached job driver); a deferred transaction that reads a record
 * and then writes it fails at once with "database is locked" when another process wrote in between
 * (SQLite cannot wait there without breaking the snapshot it read), while `begin immediate` simply
 * waits its turn on the busy timeout.
 */
export function sqliteDialect(config: SqliteDialectConfig): SqliteDialect {
  class ImmediateDriver extends SqliteDriver {
    override async beginTransaction(connection: DatabaseConnection): Promise<void> {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    }
  }
  return new (class extends SqliteDialect {
    override createDriver() {
      return new ImmediateDriver(config);
    }
  })(config);
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  if (await upToDate(db)) return;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) if (r.status === "Error") console.error(`[studio] migration ${r.migrationName} failed`);
  if (error) throw error;
}

/**
 * Whether the database has run exactly the migrations this build has: then a start needs one query,
 * not the migrator's table checks, lock and transaction (~10 queries through cold code, beside the
 * first page). Anything else (a new database, a migration to run, one this build does not know)
 * goes to the migrator, which applies or refuses it.
 */
async function upToDate(db: Kysely<Database>): Promise<boolean> {
  const applied = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db).then(
    ({ rows }) => rows.map((r) => r.name),
    () => undefined, // no migration table yet
  );
  const known = Object.keys(migrations);
  return applied?.length === known.length && known.every((name) => applied.includes(name));
}

function open(): Handle {
  const kind: DbKind = env().DATABASE_URL ? "postgres" : "sqlite";
  const h = { kind, location: env().DATABASE_URL ? redact(env().DATABASE_URL!) : "" } as Handle;
  h.ready = (async () => {
    const { dialect, location } = await createDialect();
    h.location = location;
    h.db = new Kysely<Database>({ dialect });
    await migrate(h.db);
  })();
  h.ready.catch((err: unknown) => {
    h.error = err instanceof Error ? err.message : String(err);
    console.error(`[studio] the ${kind} database is unavailable: ${h.error}`);
  });
  return h;
}

const RETRY_OPEN_MS = 5_000;

/** The open database; after a failed start it tries again (at most every 5 s) so it recovers by itself. */
function handle(): Handle {
  const box = processSingleton<{ h?: Handle; at: number }>("database", () => ({ at: 0 }));
  if (!box.h || (box.h.error && Date.now() - box.at > RETRY_OPEN_MS)) {
    box.h = open();
    box.at = Date.now();
  }
  return box.h;
}

export function dbKind(): DbKind {
  return handle().kind;
}

/** Closes the connection (tests, benchmarks, shutdown). */
export async function closeDb(): Promise<void> {
  const box = processSingleton<{ h?: Handle; at: number }>("database", () => ({ at: 0 }));
  const h = box.h;
  box.h = undefined;
  if (h) await h.ready.then(() => h.db.destroy(), () => undefined);
}

/** The migrated database; a clear 503 when it cannot be reached. */
export async function db(): Promise<Kysely<Database>> {
  const h = handle();
  try {
    await h.ready;
  } catch {
    throw new AppError("unavailable", `The ${h.kind === "postgres" ? "PostgreSQL" : "embedded"} database is unavailable: ${h.error}`);
  }
  return h.db;
}

export async function dbStatus(): Promise<{ kind: DbKind; location: string; ok: boolean; error?: string }> {
  const h = handle();
  try {
    await h.ready;
    await sql`select 1`.execute(h.db);
    return { kind: h.kind, location: h.location, ok: true };
  } catch (err) {
    return { kind: h.kind, location: h.location, ok: false, error: h.error ?? (err instanceof Error ? err.message : String(err)) };
  }
}
