/**
 * The address a request comes from, as far as a route can tell: the last X-Forwarded-For entry.
 * Next sets the header to the connection's address when a request comes without one, and a proxy
 * in front adds the address it saw, last. With no proxy, a client may put any address there: what
 * is counted by address (open event streams) is capped in all as well.
 */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || "unknown";
}
