import type { Task } from "@/lib/tasks/registry";
import { backgroundView } from "./background";
import { controlView } from "./control";
import { imageView } from "./image";
import { inpaintView } from "./inpaint";
import { promptsView } from "./prompts";
import { speechView } from "./speech";
import { textView } from "./text";
import { transcribeView } from "./transcribe";
import { videoView } from "./video";
import type { TaskView } from "./views";

/** Every task's views, keyed by the registry's ids: a task without its views does not compile. */
export const TASK_VIEWS: { [T in Task]: TaskView } = {
  image: imageView,
  inpaint: inpaintView,
  video: videoView,
  transcribe: transcribeView,
  background: backgroundView,
  speech: speechView,
  control: controlView,
  prompts: promptsView,
  text: textView,
};
