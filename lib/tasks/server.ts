import "server-only";
import { backgroundServer } from "./background/server";
import { controlServer } from "./control/server";
import { imageServer } from "./image/server";
import { inpaintServer } from "./inpaint/server";
import { speechServer } from "./speech/server";
import { transcribeServer } from "./transcribe/server";
import { videoServer } from "./video/server";
import type { InputOf, QueueTask } from "./registry";
import type { QueueServerTask } from "./server-types";

/** How each queue task is planned and run; a task in the registry without its entry here does not compile. */
export const QUEUE_TASKS: { [T in QueueTask]: QueueServerTask<InputOf<T>> } = {
  image: imageServer,
  inpaint: inpaintServer,
  video: videoServer,
  transcribe: transcribeServer,
  background: backgroundServer,
  speech: speechServer,
  control: controlServer,
};

export const queueTask = <T extends QueueTask>(task: T) => QUEUE_TASKS[task] as QueueServerTask<InputOf<T>>;
