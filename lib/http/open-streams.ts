import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";

/**
 * The long-lived streams (server-sent events) this process holds open, counted per client address
 * and in all: each holds a connection, timers and a database read per job every second, so neither
 * one client nor a crowd may open them without end. Past either cap the answer is a 429, and the
 * studio's pages poll their jobs instead.
 */

/** Far more than a person's browser opens (one stream per page, six connections per site on HTTP/1.1). */
export const STREAMS_PER_CLIENT = 16;

type Open = { total: number; byClient: Map<string, number> };

const open = () => processSingleton<Open>("open-streams", () => ({ total: 0, byClient: new Map() }));

/** Counts one more open stream for `client`, or throws a 429; the answer, called once, counts it out. */
export function openStream(client: string): () => void {
  const o = open();
  const mine = o.byClient.get(client) ?? 0;
  if (mine >= STREAMS_PER_CLIENT) throw new AppError("rate_limited", `At most ${STREAMS_PER_CLIENT} event streams may be open from one address; close some pages.`);
  if (o.total >= env().STUDIO_MAX_EVENT_STREAMS) throw new AppError("rate_limited", "The studio has as many event streams open as it allows; try again later.");
  o.total++;
  o.byClient.set(client, mine + 1);
  let counted = true;
  return () => {
    if (!counted) return;
    counted = false;
    o.total--;
    const left = (o.byClient.get(client) ?? 1) - 1;
    if (left > 0) o.byClient.set(client, left);
    else o.byClient.delete(client);
  };
}
