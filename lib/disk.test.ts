import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { assertRoomFor, diskStatus, storageFailure } from "./disk";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function useDataDir(dir: string, minFreeMb = "0") {
  process.env.STUDIO_DATA_DIR = dir;
  process.env.STUDIO_MIN_FREE_MB = minFreeMb;
  resetEnvCache();
}

describe("diskStatus", () => {
  it("is ok on a writable directory with room", async () => {
    useDataDir(mkdtempSync(path.join(os.tmpdir(), "studio-disk-")));
    const status = await diskStatus();
    expect(status.ok).toBe(true);
    expect(status.freeBytes).toBeGreaterThan(0);
  });

  it("fails when the data directory cannot be written (even as root: its tmp/ is a file)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "studio-disk-"));
    writeFileSync(path.join(dir, "tmp"), "not a directory");
    useDataDir(dir);
    const status = await diskStatus();
    expect(status.ok).toBe(false);
    expect(status.error).toMatch(/Cannot write to the data directory/);
  });

  it("fails when less than STUDIO_MIN_FREE_MB is free, and refuses new files", async () => {
    useDataDir(mkdtempSync(path.join(os.tmpdir(), "studio-disk-")), "1000000");
    const status = await diskStatus();
    expect(status.ok).toBe(false);
    expect(status.error).toMatch(/free \(STUDIO_MIN_FREE_MB/);
    await expect(assertRoomFor(0)).rejects.toMatchObject({ status: 507 });
  });
});

describe("storageFailure", () => {
  it.each([
    [Object.assign(new Error("no space"), { code: "ENOSPC" }), 507],
    [Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }), 507],
    [Object.assign(new Error("read-only file system"), { code: "EROFS" }), 503],
  ])("maps %s to %i", (err, status) => {
    expect(storageFailure(err)?.status).toBe(status);
  });

  it("leaves other errors alone", () => {
    expect(storageFailure(new Error("boom"))).toBeUndefined();
  });
});
