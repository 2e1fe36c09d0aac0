"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { Uploaded } from "@/lib/client/api";
import { ApiError } from "@/lib/client/api-error";
import { loadApi } from "@/lib/client/load-api";
import { CONTROL_KIND_LABELS } from "@/lib/tasks/control/kinds";
import type { ControlKind } from "@/lib/tasks/control/definition";

/** A map the server found in a photo, for the kind it was asked for. */
export type Derived = { kind: ControlKind; photo: string; map: Uploaded };

async function deriveMap(kind: ControlKind, image: string, signal: AbortSignal): Promise<Uploaded> {
  const { request, jsonInit } = await loadApi();
  const res = await request("/api/control/map", { ...jsonInit({ kind, image }), signal });
  return (await res.json()) as Uploaded;
}

/**
 * The map found in a photo: asked for as soon as the photo (or another kind) is chosen, so it shows
 * before anything is generated. The form holds the outcome (it submits the map, and shows the error
 * at the photo field); this part, loaded only once the map is to come from a photo, fetches and
 * shows it.
 */
export function PhotoMap({ kind, photoUrl, current, deriving, error, onDerived, onDeriving, onError, onInstead }: {
  kind: ControlKind;
  /** The photo, once uploaded. */
  photoUrl: string | undefined;
  /** The map found in this photo for this kind, once there is one. */
  current: Uploaded | null;
  deriving: boolean;
  error: string | null;
  onDerived(derived: Derived): void;
  onDeriving(deriving: boolean): void;
  onError(message: string | null): void;
  /** Switches to the source that does without a photo: draw the pose, or upload a depth map. */
  onInstead(): void;
}) {
  useEffect(() => {
    if (!photoUrl || current) return;
    const aborter = new AbortController();
    onDeriving(true);
    onError(null);
    deriveMap(kind, photoUrl, aborter.signal)
      .then((map) => onDerived({ kind, photo: photoUrl, map }))
      .catch((err: unknown) => {
        if (aborter.signal.aborted) return;
        onError(err instanceof ApiError ? (err.fields?.image ?? err.message) : "Could not draw the map.");
      })
      .finally(() => {
        if (!aborter.signal.aborted) onDeriving(false);
      });
    return () => {
      aborter.abort();
      onDeriving(false);
    };
  }, [current, kind, photoUrl, onDerived, onDeriving, onError]);

  const label = CONTROL_KIND_LABELS[kind];
  return (
    <>
      {error && kind !== "edges" ? (
        <div>
          <Button variant="secondary" size="sm" onClick={onInstead}>
            {kind === "pose" ? "Draw the pose instead" : "Upload a depth map instead"}
          </Button>
        </div>
      ) : null}
      {deriving ? <Spinner label={`Drawing the ${label.toLowerCase()} map…`} /> : null}
      {current ? (
        <figure className="flex flex-col gap-1.5" data-testid="derived-map">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={current.url} alt={`${label} map drawn from the photo`} className="max-h-64 w-full rounded-lg border border-zinc-800 bg-black object-contain" />
          <figcaption className="text-xs text-zinc-500">
            {label} map · {current.width}×{current.height}
          </figcaption>
        </figure>
      ) : null}
    </>
  );
}
