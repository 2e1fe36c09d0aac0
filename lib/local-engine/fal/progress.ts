import "server-only";
import type { RunContext } from "./models";

/**
 * The log lines a generator writes as it works, in the words fal's workers use. The queue shows
 * them one by one over the simulated latency (queue.ts), so a job's log follows its own task and
 * settings: a 28-step image counts 28 steps, a transcription its segments.
 */

/** A diffusion model's sampling, one line per step. */
export function logDenoising(ctx: RunContext, steps: number): void {
  for (let step = 1; step <= steps; step++) ctx.log(`Denoising step ${step}/${steps}`);
}

/** A video's frames as they are rendered, a line per second of film (and one for the last frame). */
export function logFrames(ctx: RunContext, frames: number, fps: number): void {
  for (let done = Math.min(fps, frames); ; done = Math.min(done + fps, frames)) {
    ctx.log(`Rendering frame ${done}/${frames}`);
    if (done === frames) break;
  }
}
