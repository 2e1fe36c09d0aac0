"use client";

import { useEffect } from "react";
import { useJobFeed, type JobFeedState } from "./use-job-feed";

/**
 * A streamed page's earlier answers (Text, Prompts) as a feed: the stream's job joins it as soon as
 * the stream names it, so a reload finds it, but is left out while the page shows it as it is written.
 */
export function useEarlierAnswers(page: string, current: string | undefined): JobFeedState {
  const feed = useJobFeed(page);
  const { track } = feed;
  useEffect(() => {
    if (current) track(current);
  }, [current, track]);
  return { ...feed, items: feed.items.filter((item) => item.id !== current) };
}
