/**
 * Every task the studio offers, in the order the sidebar lists them. This is the one list: the
 * server half (lib/tasks/server.ts) and the views (components/tasks/registry.tsx) are records keyed
 * by these ids, so adding a task here without them — or there without it here — does not compile.
 */
import type { z } from "zod";
import { backgroundTask } from "./background/definition";
import { controlTask } from "./control/definition";
import { imageTask } from "./image/definition";
import { inpaintTask } from "./inpaint/definition";
import { promptsTask } from "./prompts/definition";
import { speechTask } from "./speech/definition";
import { textTask } from "./text/definition";
import { transcribeTask } from "./transcribe/definition";
import { videoTask } from "./video/definition";

export const TASK_LIST = [imageTask, inpaintTask, videoTask, transcribeTask, backgroundTask, speechTask, controlTask, promptsTask, textTask] as const;

type Definition = (typeof TASK_LIST)[number];
export type Task = Definition["id"];
export type TaskDefinitionOf<T extends Task> = Extract<Definition, { id: T }>;
/** What a person asks a task for, parsed (defaults filled in). */
export type InputOf<T extends Task> = z.infer<TaskDefinitionOf<T>["input"]>;

export const TASKS = TASK_LIST.map((t) => t.id) as [Task, ...Task[]];

export const TASK_DEFINITIONS = Object.fromEntries(TASK_LIST.map((t) => [t.id, t])) as { [T in Task]: TaskDefinitionOf<T> };

export const taskDefinition = <T extends Task>(task: T): TaskDefinitionOf<T> => TASK_DEFINITIONS[task];

/** Tasks a provider runs from a queue: created through POST /api/jobs and re-run on the server. */
export type QueueTask = Extract<Definition, { runs: "queue" }>["id"];
