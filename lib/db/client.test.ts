import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "libsql";
import { DEFAULT_MIGRATION_TABLE, Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrate, sqliteDialect } from "./client";
import { migrations } from "./migrations";
import type { Database } from "./schema";

/**
 * The worker, a detached job driver and the server write one SQLite file from several processes.
 * Here a second connection stands in for the other process, with no busy wait (this test runs on
 * one thread, so waiting would only deadlock): it must find the file locked while a transaction
 * sits between its read and its write, and that transaction must then commit what it read.
 */
describe("sqlite transactions", () => {
  it("hold the write lock from their start, so another writer cannot slip between a read and its write", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "studio-db-")), "t.db");
    const database = new Sqlite(file);
    database.exec("pragma journal_mode = wal; create table counter (n integer); insert into counter values (1);");
    const db = new Kysely<{ counter: { n: number } }>({ dialect: sqliteDialect({ database }) });
    const other = new Sqlite(file);
    other.exec("pragma busy_timeout = 0");

    let otherWrite: unknown = "not tried";
    await db.transaction().execute(async (trx) => {
      const { n } = await trx.selectFrom("counter").select("n").executeTakeFirstOrThrow();
      try {
        other.exec("update counter set n = 100");
        otherWrite = "written";
      } catch (err) {
        otherWrite = err instanceof Error ? err.message : String(err);
      }
      await trx.updateTable("counter").set({ n: n + 1 }).execute();
    });

    expect(otherWrite).toMatch(/locked|busy/i);
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(db);
    expect(rows[0]!.n).toBe(2);
    other.close();
    await db.destroy();
  });
});

describe("migrate", () => {
  const fresh = () => new Kysely<Database>({ dialect: sqliteDialect({ database: new Sqlite(path.join(mkdtempSync(path.join(os.tmpdir(), "studio-db-")), "m.db")) }) });
  const indexes = async (db: Kysely<Database>) =>
    (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'jobs'`.execute(db)).rows.map((r) => r.name);
  const applied = async (db: Kysely<Database>) => (await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)} order by name`.execute(db)).rows.map((r) => r.name);

  it("runs a migration the database has not had, though it has had all the others", async () => {
    const db = fresh();
    await migrate(db);
    await migrate(db);
    expect(await applied(db)).toEqual(Object.keys(migrations));
    const last = Object.keys(migrations).at(-1)!;
    await migrations[last]!.down!(db);
    await sql`delete from ${sql.table(DEFAULT_MIGRATION_TABLE)} where name = ${last}`.execute(db);
    await migrate(db);
    expect(await applied(db)).toEqual(Object.keys(migrations));
    expect(await indexes(db)).toContain("jobs_request_id");
    await db.destroy();
  });

  it("refuses a database migrated by a newer build, rather than taking it as up to date", async () => {
    const db = fresh();
    await migrate(db);
    await sql`insert into ${sql.table(DEFAULT_MIGRATION_TABLE)} (name, timestamp) values ('9999_future', '2100-01-01T00:00:00.000Z')`.execute(db);
    await expect(migrate(db)).rejects.toThrow(/9999_future/);
    await db.destroy();
  });
});
