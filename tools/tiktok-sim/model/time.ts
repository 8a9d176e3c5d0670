/** Time units and the 30-minute slot grid the model's noise and TikTok polling share. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const SLOT_MS = 30 * MINUTE_MS;
