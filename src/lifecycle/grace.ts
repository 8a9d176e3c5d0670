/**
 * How long the history of an account nobody holds any more is kept before it is deleted: a
 * creator who disconnected by mistake, or revoked Adam in TikTok and came back, reconnects within
 * this time and finds every snapshot (TikTok itself keeps about 60 days; Adam's history is what
 * TikTok cannot give back). Disconnecting with `?erase=true`, or deleting the Adam account,
 * deletes at once instead. The privacy page states this figure.
 */
export const DELETION_GRACE_DAYS = 30;
