"use client";

import { useEffect, useRef, type RefObject } from "react";

/** A field on the page that takes a pasted file. */
type Target = { root: RefObject<HTMLElement | null>; isEmpty: () => boolean; take: (file: File) => void };

const targets = new Set<Target>();

/**
 * Which field a paste is for: the one holding the focus, else the one under the pointer, else the
 * first empty one on the page, else the first.
 */
function chooseTarget(): Target | undefined {
  const fields = [...targets]
    .filter((t) => t.root.current?.isConnected)
    .sort((a, b) => (a.root.current!.compareDocumentPosition(b.root.current!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return (
    fields.find((t) => t.root.current!.contains(document.activeElement)) ??
    fields.find((t) => t.root.current!.matches(":hover")) ??
    fields.find((t) => t.isEmpty()) ??
    fields[0]
  );
}

function onPaste(event: ClipboardEvent) {
  const file = [...(event.clipboardData?.files ?? [])][0];
  if (!file) return; // Text pastes stay native.
  const target = chooseTarget();
  if (!target) return;
  event.preventDefault();
  // Clipboard images come unnamed ("image.png"); name them so the field says where they came from.
  target.take(file.name && file.name !== "image.png" ? file : new File([file], `pasted.${file.type.split("/")[1] ?? "png"}`, { type: file.type }));
}

/**
 * Makes a field a target for Ctrl/⌘+V anywhere on the page: a pasted file goes to `take`, which
 * checks and uploads it as it would a dropped one. One document listener serves every field.
 */
export function usePasteTarget(root: RefObject<HTMLElement | null>, isEmpty: boolean, take: (file: File) => void) {
  const latest = useRef({ isEmpty, take });
  useEffect(() => {
    latest.current = { isEmpty, take };
  });
  useEffect(() => {
    const target: Target = {
      root,
      isEmpty: () => latest.current.isEmpty,
      take: (file) => latest.current.take(file),
    };
    if (targets.size === 0) document.addEventListener("paste", onPaste);
    targets.add(target);
    return () => {
      targets.delete(target);
      if (targets.size === 0) document.removeEventListener("paste", onPaste);
    };
  }, [root]);
}
