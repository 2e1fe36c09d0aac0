import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { closeDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { LOCAL_FAL_PATH, LOCAL_OPENAI_PATH } from "@/lib/local-engine/address";
import { forgetProcessSingleton } from "@/lib/process-singleton";
import { INCOMING_PATH } from "@/lib/webhooks/incoming-path";

/**
 * Test set-up: a fresh data directory and environment per suite, on the chosen database and
 * media backends (the real PostgreSQL and S3 servers come from test/global-setup.ts), and a
 * `fetch` that runs the local engine's route code (and the studio's fal webhook route) in-process.
 */
export const ENGINE_ORIGIN = "http://engine.test";

export type Backends = { database?: "sqlite" | "postgres"; media?: "disk" | "s3" };

async function freshPostgresDatabase(): Promise<string> {
  const admin = inject("postgresUrl");
  const name = `studio_${randomBytes(6).toString("hex")}`;
  const { Client } = await import("pg");
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

export async function useStudioEnv(vars: Record<string, string | undefined>, backends: Backends = {}): Promise<string> {
  const databaseUrl = backends.database === "postgres" ? await freshPostgresDatabase() : undefined;
  const s3 = backends.media === "s3" ? inject("s3") : undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-test-"));
  // From here on nothing awaits until every cache is reset, so no stray task sees half a switch.
  for (const key of Object.keys(process.env)) if (/^(FAL_|OPENAI_|S3_|STUDIO_|DATABASE_URL|PROMPT_PROVIDER)/.test(key)) delete process.env[key];
  Object.assign(process.env, {
    STUDIO_DATA_DIR: dataDir,
    STUDIO_ENGINE: "local",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(s3
      ? { S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_PREFIX: `${path.basename(dataDir)}/` }
      : {}),
  });
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  for (const key of ["blob-store", "fal-queue", "engine-files"]) forgetProcessSingleton(key);
  await closeDb();
  return dataDir;
}

export const engineFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.origin !== ENGINE_ORIGIN) throw new TypeError(`engineFetch: no route to ${url.origin}`);
  if (url.pathname.startsWith(`${LOCAL_FAL_PATH}/`)) {
    const { handleLocalFal } = await import("@/lib/local-engine/fal/handler");
    const segments = url.pathname.slice(LOCAL_FAL_PATH.length + 1).split("/").map(decodeURIComponent);
    return handleLocalFal(request, segments);
  }
  if (url.pathname === INCOMING_PATH) {
    // The studio's own webhook route, as the engine's deliveries reach it over HTTP (Host included).
    const { POST } = await import("@/app/api/webhooks/fal/route");
    const headers = new Headers(request.headers);
    headers.set("host", url.host);
    return POST(new Request(request, { headers }), undefined as never);
  }
  if (url.pathname === `${LOCAL_OPENAI_PATH}/chat/completions`) {
    const { handleLocalChatCompletions } = await import("@/lib/local-engine/openai/handler");
    return handleLocalChatCompletions(request);
  }
  return new Response("not found", { status: 404 });
}) as typeof fetch;
