import type { StoredAlert } from "../db/queries/alerts";
import type { AlertKind } from "../db/schema/identity";

/** An alert as every channel tells it: the stored card's words and a link into the dashboard. */
export type AlertContent = Omit<StoredAlert, "dispatchedAt" | "readAt"> & {
  /** The dashboard page to open: the video, or the notifications list. */
  url: string;
};

export const KIND_LABELS: Record<AlertKind, string> = {
  spike: "Spike",
  drop: "Drop",
  fast_start: "Fast start",
  follower_jump: "Follower jump",
  goal_reached: "Goal reached",
};

export function alertUrl(dashboardUrl: string, videoId: string | null): string {
  return `${dashboardUrl}#/${videoId ? `video/${videoId}` : "notifications"}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
