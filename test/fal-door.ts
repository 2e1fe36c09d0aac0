/**
 * fal's door (lib/providers/fal.ts) replaced by a recorder for provider tests: every submit is kept
 * in `sent`, every result is `answer`. A test file mocks the door with it:
 *   vi.mock("@/lib/providers/fal", () => import("@/test/fal-door").then((m) => m.recordingFalDoor));
 */
export const falDoor = {
  sent: [] as { endpointId: string; input: Record<string, unknown> }[],
  answer: undefined as unknown,
};

export const recordingFalDoor = {
  upload: async ({ fileName }: { fileName: string }) => `https://v3.fal.media/files/${fileName}`,
  submit: async (args: { endpointId: string; input: Record<string, unknown> }) => (falDoor.sent.push(args), { requestId: "r1" }),
  status: async () => ({ status: "completed", queuePosition: null, logs: [] }),
  result: async () => falDoor.answer,
  cancel: async () => undefined,
};
