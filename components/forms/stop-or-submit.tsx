import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { StopIcon } from "@/components/ui/icons";

/**
 * A streamed job's one button: Stop while it streams, the form's submit otherwise. Keyed apart so
 * they are two DOM buttons: were Stop reused as the submit button, the click (or Enter) that
 * stopped the stream would land on a submit button once re-rendered and send the form again.
 */
export function StopOrSubmit({ streaming, onStop, children }: { streaming: boolean; onStop: () => void; children: ReactNode }) {
  return streaming ? (
    <Button key="stop" type="button" variant="secondary" onClick={onStop}><StopIcon size={14} /> Stop</Button>
  ) : (
    <Button key="submit" type="submit">{children}</Button>
  );
}
