import "server-only";

/** The provider functions, one per thing the studio asks a model for. */
export { generateImage, editImage, type GenerateImageArgs, type EditImageArgs, type ImageResult } from "./image";
export { generateVideo, type GenerateVideoArgs, type VideoResult } from "./video";
export { transcribeAudio, type TranscribeAudioArgs, type TranscriptResult } from "./transcribe";
export { removeBackground, replaceBackground, type RemoveBackgroundArgs, type ReplaceBackgroundArgs } from "./background";
export { speak, type SpeakArgs, type SpeechResult } from "./speech";
export { controlImage, controlMap, type ControlImageArgs, type ControlMapArgs } from "./control";
export { chat, type ChatArgs, type ChatEvent, type TokenUsage } from "./chat";
