import { defineConfig } from "drizzle-kit";

/** TikTok data (public schema): `npm run db:generate` writes migrations/tiktok. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/tiktok.ts",
  out: "./migrations/tiktok",
});
