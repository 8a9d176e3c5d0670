/** Answers as the API sends them, for the dashboard's unit tests: a base record and what each test changes. */
import type { Metrics, Video } from "../api";

export function metrics(over: Partial<Metrics> = {}): Metrics {
  return {
    id: "7",
    display_name: "Maya",
    username: "maya",
    avatar_url: null,
    status: "active",
    granted_scopes: [],
    last_synced_at: "2026-12-01T12:00:00.000Z",
    followers: 1200,
    following: 10,
    likes: 5000,
    videos: 3,
    views: 90_000,
    engagement_rate: 0.05,
    summary: {},
    ...over,
  };
}

export function video(id: string, over: Partial<Video> = {}): Video {
  return {
    id,
    title: `Video ${id}`,
    description: null,
    create_time: "2026-12-01T00:00:00.000Z",
    status: "public",
    duration_seconds: 30,
    share_url: null,
    cover_image_url: null,
    views: 100,
    likes: 10,
    comments: 1,
    shares: 0,
    engagement_rate: 0.11,
    metrics_updated_at: null,
    analytics: {},
    ...over,
  };
}
