import type { Page } from "@playwright/test";

/**
 * Every job the page asks the server to start, kept as it is sent: a refused form must add none.
 * Queued jobs are posted to /api/jobs; streamed ones (prompts, text) to their own route.
 */
export function recordJobPosts(page: Page, pathname = "/api/jobs"): string[] {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === pathname && r.method() === "POST") posts.push(r.url());
  });
  return posts;
}
