import { it } from "vitest";
import { writeFile } from "node:fs/promises";
import { renderImage } from "@/lib/local-engine/media/image";

const prompts = (process.env.PROMPTS ?? "").split("|");
it("samples", async () => {
  for (const [i, prompt] of prompts.entries()) {
    const png = await renderImage({ prompt, width: 1024, height: 768, seed: Number(process.env.SEED ?? 42) + i });
    await writeFile(`/tmp/media-samples/s-${i}.png`, png);
  }
}, 60000);
