"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FileDrop, refusal } from "@/components/ui/file-drop";
import { usePasteTarget } from "@/hooks/use-paste-target";
import type { useUpload } from "@/hooks/use-upload";
import { UploadStatus } from "./upload-status";

export const IMAGE_ACCEPT = "image/png,image/jpeg,image/webp";

/**
 * Drop, pick or paste (Ctrl/⌘+V anywhere on the page) an image; once uploaded it shows as a
 * thumbnail that can be replaced. A paste is checked like a drop.
 */
export function SourceImageField({ upload, error, label, id = "source-image" }: {
  upload: ReturnType<typeof useUpload>;
  error?: string;
  label: string;
  id?: string;
}) {
  const { file } = upload;
  const root = useRef<HTMLDivElement>(null);
  const [pasteError, setPasteError] = useState<string | null>(null);
  usePasteTarget(root, !file, (pasted) => {
    const refused = refusal(pasted, IMAGE_ACCEPT);
    setPasteError(refused);
    if (!refused && !upload.uploading) void upload.upload(pasted);
  });
  return (
    <div ref={root} className="flex flex-col gap-1.5" data-testid="image-field">
      <span className="text-xs font-medium text-zinc-400">{label}</span>
      {file ? (
        <div className="flex items-center gap-3 rounded-lg border border-zinc-800 bg-zinc-950 p-2">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={file.preview} alt={`${label}: ${file.name}`} className="size-16 rounded-md object-cover checkerboard" />
          <div className="min-w-0 flex-1 text-xs">
            <p className="truncate text-zinc-200">{file.name}</p>
            <p className="text-zinc-500">
              {file.uploaded.width}×{file.uploaded.height} · {(file.uploaded.bytes / 1024).toFixed(0)} KB
            </p>
          </div>
          <Button variant="ghost" size="sm" onClick={upload.clear} type="button">
            Remove
          </Button>
        </div>
      ) : (
        <FileDrop id={id} accept={IMAGE_ACCEPT} label="Drop, paste or click to choose an image" description="PNG, JPEG or WebP, up to 25 MB" onFile={(f) => void upload.upload(f)} disabled={upload.uploading} />
      )}
      <UploadStatus upload={upload} error={pasteError ?? error} />
    </div>
  );
}
