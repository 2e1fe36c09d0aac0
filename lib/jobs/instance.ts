import "server-only";
import os from "node:os";
import { env } from "@/lib/env";

/** Names this process in job leases; stable across restarts of the same server, so it takes its own jobs back at once. */
export function instanceId(): string {
  return env().STUDIO_INSTANCE_ID ?? `${os.hostname()}:${env().PORT}`;
}
