import { BrushIcon, type IconComponent, ImageIcon, MicIcon, PoseIcon, ScissorsIcon, SparklesIcon, SpeakerIcon, TextIcon, VideoIcon } from "@/components/ui/icons";
import type { Task } from "@/lib/tasks/registry";

/**
 * Each task's icon, apart from its views so the sidebar does not load every result view. Keyed by
 * the registry's ids: a task without an icon does not compile.
 */
export const TASK_ICONS: { [T in Task]: IconComponent } = {
  image: ImageIcon,
  inpaint: BrushIcon,
  video: VideoIcon,
  transcribe: MicIcon,
  background: ScissorsIcon,
  speech: SpeakerIcon,
  control: PoseIcon,
  prompts: SparklesIcon,
  text: TextIcon,
};
