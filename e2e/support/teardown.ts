import { rmSync } from "node:fs";

/** Removes the run's data directory (workers inherit E2E_DATA_DIR, so there is one per run). */
export default function teardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && /studio-e2e-/.test(dir)) rmSync(dir, { recursive: true, force: true });
}
