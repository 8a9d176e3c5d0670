/** The local ports of `npm run dev` (DESIGN section 8). */
export const PORTS = { api: 8787, pages: 8788, mount: 8789, tiktok: 8790, neon: 5480 } as const;
