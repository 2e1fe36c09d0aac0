import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { anySignal } from "@/lib/any-signal";
import { publicRecord } from "@/lib/jobs/public-record";
import { historyQuerySchema, type GenerationInputDraft, type JobRecord } from "@/lib/jobs/schema";
import { SPEECH_ENDPOINTS } from "@/lib/providers/wire/speech";
import { taskDefinition, type QueueTask } from "@/lib/tasks/registry";
import type { HistoryQuery, Studio, StreamEvent } from "@/lib/agent/studio";
import pkg from "@/package.json";
import { localPathField, uploadFields, uploadFile, withStorePaths, type UploadArgs } from "./files";
import { historySchema, jobResult, sharedJobSchema, storedFileSchema, structured, toolError, toolJobSchema } from "./results";
import { FILE_HINT, jobToolFields, toolFields, waitField, type ToolShape } from "./tool-input";

/**
 * The studio as MCP tools: one per task, plus finding, sharing and uploading. The same server
 * runs over stdio (`studio mcp`, cli/commands/mcp.ts) and Streamable HTTP (/api/mcp), on any
 * Studio — jobs it starts are ordinary job records, in History and shareable.
 */

export type McpServerOptions = {
  /** Lets upload_file read a path on this machine: stdio only, where the agent runs here too. */
  localFiles?: boolean;
  /** The longest a tool waits for a job before answering it as it stands. */
  waitMs?: number;
};

/** Under the 60 s a client waits for a tool by default (the SDK's), so a long job answers as running rather than timing out. */
const WAIT_MS = 50_000;
const STREAM_PROGRESS_MS = 500;

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;
type Args = Record<string, unknown>;

/** Progress notifications, when the client asked for them with a progressToken; numbered, as the spec wants them to grow. */
function progress(extra: Extra): ((message: string) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let step = 0;
  return (message) =>
    void extra.sendNotification({ method: "notifications/progress", params: { progressToken: token, progress: ++step, message } }).catch(() => undefined);
}

/** Tells a queue job's changes: its place in the queue, running, each new log line. */
function queueProgress(say: (message: string) => void): (job: JobRecord) => void {
  let said = "";
  let logs = 0;
  return (job) => {
    const state = job.status === "queued" && job.queuePosition !== null ? `queued, position ${job.queuePosition}` : job.status;
    if (state !== said) say((said = state));
    job.logs.slice(logs).forEach((log) => say(log.message));
    logs = job.logs.length;
  };
}

/** Waits for the job, up to `waitMs`; a job still going then is answered as it stands. */
async function follow(studio: Studio, id: string, extra: Extra, waitMs: number): Promise<JobRecord> {
  const say = progress(extra);
  const limit = AbortSignal.timeout(waitMs);
  const { signal, dispose } = anySignal([extra.signal, limit]);
  try {
    return await studio.wait(id, say && queueProgress(say), signal);
  } catch (err) {
    if (limit.aborted && !extra.signal.aborted) return studio.job(id);
    throw err;
  } finally {
    dispose();
  }
}

/** A tool body whose failures come back as tool errors in the API's terms. */
const safely =
  <A,>(fn: (args: A, extra: Extra) => Promise<CallToolResult>) =>
  async (args: A, extra: Extra): Promise<CallToolResult> => {
    try {
      return await fn(args, extra);
    } catch (err) {
      return toolError(err);
    }
  };

const RETURNS_JOB = `Answers the job record: id, status, outputs (URLs absolute on this studio, with width/height/duration), seed, error, timings; done images come with small previews.`;

type QueueTool = {
  name: string;
  title: string;
  description: string;
  fields: ToolShape;
  /** The API input for the tool's arguments (file fields as given; made store paths after). */
  input(args: Args): GenerationInputDraft;
};

function queueTool(task: QueueTask, name: string, title: string, description: string, omit: readonly string[] = []): QueueTool {
  const def = taskDefinition(task);
  return {
    name,
    title,
    description,
    fields: toolFields(def.input as unknown as z.ZodObject, def.media, omit),
    input: (args) => ({ task, ...args }) as GenerationInputDraft,
  };
}

/** An agent cannot guess a voice id: each speech model's, from the catalog. */
const SPEECH_VOICES = SPEECH_ENDPOINTS.map((e) => `${e.id} (speed ${e.limits.speed.min}–${e.limits.speed.max}): ${e.limits.voices.map((v) => v.id).join(", ")}`).join("; ");

const inpaintFields = toolFields(taskDefinition("inpaint").input, taskDefinition("inpaint").media);

const QUEUE_TOOLS: QueueTool[] = [
  queueTool("image", "generate_image", "Generate images", "Makes 1–4 images from a text prompt (FLUX and others; `model` is a fal endpoint id). `imageSize` is a preset or {width, height}.", ["sourceImage", "strength"]),
  {
    name: "edit_image",
    title: "Edit an image",
    description: `Changes an existing image as the prompt says. Without \`mask\`: image-to-image, \`strength\` (0.01–1) saying how far from the original. With \`mask\` (white = repaint, black = keep, same size as the image): inpainting. \`image\` and \`mask\` are each ${FILE_HINT}.`,
    fields: { ...inpaintFields, mask: inpaintFields.mask!.optional() },
    input: ({ image, mask, ...rest }) => (mask ? { task: "inpaint", image, mask, ...rest } : { task: "image", sourceImage: image, ...rest }) as GenerationInputDraft,
  },
  queueTool("control", "control_image", "Generate from a control map", `Makes images that follow a control map (\`kind\`: a pose skeleton, a depth map or an edge map) and a prompt. \`map\` is ${FILE_HINT}; the picture keeps the map's aspect ratio unless \`imageSize\` is given.`),
  queueTool("video", "generate_video", "Generate a video", `Makes a short video from a prompt, or animates \`startImage\` (${FILE_HINT}). \`duration\` and \`aspectRatio\` are checked against the chosen model. Videos take minutes with real providers: use wait=false and get_job, or keep the progress notifications.`),
  queueTool("transcribe", "transcribe_audio", "Transcribe audio", `Turns speech into text (Whisper), or translates it into English with mode=translate. \`audio\` is ${FILE_HINT} (upload it with kind=audio). The record's \`text\` and timed \`segments\` are the result.`),
  queueTool("speech", "speak", "Speak text", `Reads the text aloud (text-to-speech); the output is an audio file. \`voice\` must be one of the model's: ${SPEECH_VOICES}. Without \`model\`, the studio's configured one (Kokoro unless changed).`),
  queueTool("background", "remove_background", "Remove or replace a background", `mode=remove cuts the subject out (a PNG with transparency; no prompt). mode=replace puts it on a new background the prompt describes. \`image\` is ${FILE_HINT}.`),
];

export function createMcpServer(studio: Studio, opts: McpServerOptions = {}): McpServer {
  const waitMs = opts.waitMs ?? WAIT_MS;
  const server = new McpServer(
    { name: "studio", title: "Studio", version: pkg.version },
    {
      instructions:
        "Generative media jobs (images, edits, control maps, video, transcription, speech, background removal, text, prompt ideas). Every job lands in the studio's History and can be shared. Files go in by URL: upload a file with upload_file first, or pass an output URL of an earlier job. Job tools wait for the result by default and report queue progress when you send a progressToken.",
    },
  );

  for (const tool of QUEUE_TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: `${tool.description} ${RETURNS_JOB}`,
        inputSchema: { ...tool.fields, wait: waitField, ...jobToolFields },
        outputSchema: toolJobSchema,
        annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
      },
      safely(async (args: Args, extra) => {
        const { wait = true, webhookUrl, ...fields } = args as Args & { wait?: boolean; webhookUrl?: string };
        const draft = tool.input(fields);
        const started = await studio.start(withStorePaths(draft, taskDefinition(draft.task).media, studio.origin), { webhookUrl });
        if (!wait) return jobResult(studio, started);
        return jobResult(studio, await follow(studio, started.id, extra, waitMs), { failed: true });
      }),
    );
  }

  // Text and prompt drafts are written while the call lasts (no queue): the tool answers when they end.
  const streamTool = (name: string, title: string, description: string, fields: ToolShape, task: "text" | "prompts") =>
    server.registerTool(
      name,
      { title, description, inputSchema: { ...fields, ...jobToolFields }, outputSchema: toolJobSchema, annotations: { readOnlyHint: false, openWorldHint: true } },
      safely(async (args: Args, extra) => {
        const { webhookUrl, ...input } = args as Args & { webhookUrl?: string };
        const say = progress(extra);
        let written = 0;
        let told = Date.now();
        const onEvent = (event: StreamEvent) => {
          if (typeof event.text === "string") written += event.text.length;
          if (!say || Date.now() - told < STREAM_PROGRESS_MS) return;
          told = Date.now();
          say(`${written} characters written`);
        };
        const job = await studio.stream({ task, ...input } as Parameters<Studio["stream"]>[0], onEvent, { webhookUrl, signal: extra.signal });
        return jobResult(studio, job, { failed: true });
      }),
    );
  streamTool(
    "write_text",
    "Write text",
    "Any-LLM text job: the prompt (and optional system prompt) to a language model, `model` as `<vendor>:<model>` (openai:… or openrouter:…), the configured one when left out. Answers the job record: `text` is the answer (Markdown), `reasoning` a reasoning model's thinking, `usage` the tokens.",
    toolFields(taskDefinition("text").input),
    "text",
  );
  streamTool(
    "draft_prompts",
    "Draft prompts",
    "Turns a rough idea into `count` ready prompts for image or video generation (`target`). Answers the job record; `prompts` holds the drafts (title, prompt, negativePrompt) to pass to generate_image or generate_video.",
    toolFields(taskDefinition("prompts").input),
    "prompts",
  );

  server.registerTool(
    "get_job",
    {
      title: "Get a job",
      description: `A job by its id, any task. With wait=true, waits for it to end first, reporting progress. ${RETURNS_JOB}`,
      inputSchema: { id: z.string().min(1).max(100).describe("The job's id."), wait: z.boolean().optional().describe("Wait for the job to end (at most about 50 s). Default false.") },
      outputSchema: toolJobSchema,
      annotations: { readOnlyHint: true },
    },
    safely(async ({ id, wait }: { id: string; wait?: boolean }, extra) => jobResult(studio, wait ? await follow(studio, id, extra, waitMs) : await studio.job(id))),
  );

  server.registerTool(
    "list_history",
    {
      title: "List history",
      description: "The studio's History, newest first, as GET /api/jobs filters it: by task, status (active = queued or running), words in the prompt (`q`); `cursor` from the last page for the next. Answers {jobs, nextCursor}.",
      inputSchema: toolFields(historyQuerySchema),
      outputSchema: historySchema,
      annotations: { readOnlyHint: true },
    },
    safely(async (args: Args) => {
      const { jobs, nextCursor } = await studio.history(args as HistoryQuery);
      return structured({ jobs: jobs.map((job) => publicRecord(job, studio.origin)), nextCursor });
    }),
  );

  server.registerTool(
    "share_job",
    {
      title: "Share a job",
      description: "Makes a finished job public and answers its share page's URL (`shareUrl`, a /s/… page anyone with the link can open) with the job record.",
      inputSchema: { id: z.string().min(1).max(100).describe("The job's id.") },
      outputSchema: sharedJobSchema,
      annotations: { readOnlyHint: false, idempotentHint: true },
    },
    safely(async ({ id }: { id: string }) => {
      const { job, url } = await studio.share(id);
      return jobResult(studio, job, { extra: { shareUrl: url } });
    }),
  );

  server.registerTool(
    "cancel_job",
    {
      title: "Cancel a job",
      description: `Stops a queued or running job (the provider's request is cancelled too). A job that already ended is an error (code conflict). ${RETURNS_JOB}`,
      inputSchema: { id: z.string().min(1).max(100).describe("The job's id.") },
      outputSchema: toolJobSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    },
    safely(async ({ id }: { id: string }) => jobResult(studio, await studio.cancel(id))),
  );

  server.registerTool(
    "upload_file",
    {
      title: "Upload a file",
      description: `Stores an image or audio file in the studio for the other tools' file fields; the file must decode as what \`kind\` says (images up to 25 MB, audio up to 100 MB; as \`data\`, about 25 MB at most). Answers {url, contentType, bytes, width?, height?, durationSec?}; pass \`url\` on.${opts.localFiles ? " Give `data`, or a local `path` (up to the full limits)." : " Larger files go through the studio's POST /api/uploads."}`,
      inputSchema: opts.localFiles ? { ...uploadFields, path: localPathField } : uploadFields,
      outputSchema: storedFileSchema,
      annotations: { readOnlyHint: false, idempotentHint: true },
    },
    safely(async (args: UploadArgs) => structured(storedFileSchema.parse(await uploadFile(studio, args)))),
  );

  return server;
}
