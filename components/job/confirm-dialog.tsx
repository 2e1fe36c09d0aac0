"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** "danger" for what cannot be undone. */
  tone?: "danger" | "primary";
  /** Runs the action; a thrown error is shown in the dialog, which then stays open. */
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/**
 * A modal confirmation on the native <dialog> (showModal): the page behind is inert, Tab stays
 * inside, Escape and a click on the backdrop cancel, and focus goes back where it came from.
 * The safe choice (Cancel) has the focus when it opens.
 */
export function ConfirmDialog({ open, title, description, confirmLabel, tone = "danger", onConfirm, onClose }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setError(null);
      el.showModal();
      cancelButton.current?.focus();
    } else if (!open && el.open) {
      el.close();
    }
  }, [open]);

  // Whatever closed it (Escape, a button, unmount of the owner), focus returns to the trigger if it still exists.
  const handleClose = () => {
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError(err instanceof Error ? err.message : "That did not work; try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={handleClose}
      onCancel={(event) => {
        // Escape while the action runs would leave it half-done on screen.
        if (busy) event.preventDefault();
      }}
      onClick={(event) => {
        // A click on the dialog element itself (not its content) is a click on the backdrop.
        if (event.target === event.currentTarget && !busy) event.currentTarget.close();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-800 bg-zinc-900 p-0 text-zinc-100 shadow-2xl shadow-black/60 backdrop:bg-black/70 backdrop:backdrop-blur-sm"
    >
      <div className="flex flex-col gap-4 p-5">
        <div>
          <h2 id={titleId} className="text-base font-semibold text-zinc-50">
            {title}
          </h2>
          <div id={descriptionId} className="mt-1.5 text-sm leading-relaxed text-zinc-400">
            {description}
          </div>
        </div>
        {error ? <ErrorAlert message={error} /> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button ref={cancelButton} variant="secondary" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </Button>
          <Button variant={tone} onClick={() => void confirm()} loading={busy}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
