/** How the watch-time cards write shares and seconds ("—" for what TikTok did not report). */
export const pct = (share: number | null | undefined, digits = 0): string =>
  share === null || share === undefined ? "—" : `${(share * 100).toFixed(digits)}%`;

export const seconds = (s: number | null | undefined): string =>
  s === null || s === undefined ? "—" : `${s.toFixed(1)} s`;
