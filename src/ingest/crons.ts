/** The cron triggers in wrangler.jsonc, by purpose (UTC). */
export const CRONS = { plan: "*/30 * * * *", hourly: "7 * * * *", daily: "17 3 * * *" } as const;
