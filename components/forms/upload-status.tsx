"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import type { useUpload } from "@/hooks/use-upload";
import type { UploadedFile } from "@/lib/client/draft-schemas";

/**
 * The form's error for an upload field holds only until another file comes: it was about the
 * file before (or about there being none), so a fresh upload makes it stale. A new error, e.g.
 * from the next submit, shows again.
 */
function useErrorUntilFileChanges(error: string | undefined, file: UploadedFile | null): string | undefined {
  const [seen, setSeen] = useState({ error, file, stale: false });
  // Adjusted while rendering (React's pattern for state derived from props), so no stale frame shows.
  if (seen.error !== error) setSeen({ error, file, stale: false });
  else if (seen.file !== file && !seen.stale) setSeen({ error, file, stale: true });
  return seen.error === error && seen.file === file && !seen.stale ? error : undefined;
}

/** Under an upload field: the spinner while it uploads, then one message at most: the upload's own error, else the form's. */
export function UploadStatus({ upload, error }: { upload: ReturnType<typeof useUpload>; error?: string }) {
  const formError = useErrorUntilFileChanges(error, upload.file);
  if (upload.uploading) return <Spinner label="Uploading…" />;
  if (upload.error) return <ErrorAlert message={upload.error} />;
  return formError ? <p role="alert" className="text-xs text-rose-400">{formError}</p> : null;
}
