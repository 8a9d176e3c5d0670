/** The video table's order, chosen by a column: highest first, ties by the newer id first (as the API orders). */
import type { Video, VideoSort } from "./api";

const SORT_KEY: Record<VideoSort, (v: Video) => number> = {
  views: (v) => v.views,
  likes: (v) => v.likes,
  comments: (v) => v.comments,
  shares: (v) => v.shares,
  engagement: (v) => v.engagement_rate ?? -1,
  newest: (v) => Date.parse(v.create_time),
};

export const sortVideos = (videos: readonly Video[], key: VideoSort): Video[] =>
  videos.toSorted((a, b) => SORT_KEY[key](b) - SORT_KEY[key](a) || (a.id < b.id ? 1 : -1));
