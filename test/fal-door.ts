/**
 * fal's door (lib/providers/fal.ts) replaced by a recorder for provider tests: every submit is kept
 * in `sent`, every result is `answer`. A test file mocks the door with it:
 *   vi.mock("@/lib/providers/fal", () => import("@/test/fal-door").then((m) => m.recordingFalDoor));
 */
export const falDoor = {
  sent: [] as { endpointId: string; input: Record<string, unknown> }[],
  answer: undefined as unknown,
};

const completed = { status: "completed" as const, queuePosition: null, logs: [] };

export const recordingFalDoor = {
  upload: async ({ fileName }: { fileName: string }) => `https://v3.fal.media/files/${fileName}`,
  submit: async (args: { endpointId: string; input: Record<string, unknown> }) => (falDoor.sent.push(args), { requestId: "r1" }),
  status: async () => completed,
  // The request has ended by the time its status stream opens: the stream tells so once, then closes.
  openStatusStream: async () => {
    let told = false;
    return { next: async () => (told ? "ended" : ((told = true), completed)), close: () => {} };
  },
  result: async () => falDoor.answer,
  cancel: async () => undefined,
};
