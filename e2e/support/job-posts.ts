import type { Page } from "@playwright/test";

/** Every job the page asks the server to start (POST /api/jobs), kept as it is sent: a refused form must add none. */
export function recordJobPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/jobs" && r.method() === "POST") posts.push(r.url());
  });
  return posts;
}
