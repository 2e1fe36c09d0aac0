import "server-only";
import type { Family } from "@/lib/providers/catalog";
import { backgroundEngine } from "./background/engine";
import { controlEngine } from "./control/engine";
import { imageEngine } from "./image/engine";
import { inpaintEngine } from "./inpaint/engine";
import { speechEngine } from "./speech/engine";
import { textEngine } from "./text/engine";
import { transcribeEngine } from "./transcribe/engine";
import { videoEngine } from "./video/engine";
import type { LocalGenerators } from "./server-types";

/** The local engine's model for every catalog family, from the tasks' modules: a family without one does not compile. */
export const LOCAL_GENERATORS: LocalGenerators<Family> = {
  ...imageEngine,
  ...inpaintEngine,
  ...videoEngine,
  ...transcribeEngine,
  ...backgroundEngine,
  ...speechEngine,
  ...controlEngine,
  ...textEngine,
};
