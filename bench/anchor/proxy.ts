import { NextResponse } from "next/server";

/** Never runs (see instrumentation.ts for why it exists): its matcher matches no request the bench sends. */
export function proxy() {
  return NextResponse.next();
}

export const config = { matcher: "/__anchor-never__" };
