import { defineConfig } from "drizzle-kit";

/** Users (identity schema, possibly another database): `npm run db:generate` writes migrations/identity. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/identity.ts",
  out: "./migrations/identity",
  schemaFilter: ["identity"],
});
