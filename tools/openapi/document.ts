/**
 * The API's OpenAPI document as the worker serves it, built in Node from the same app (no
 * wrangler): for tools that read it (the lint test, `npx tsx tools/openapi/document.ts > f.json`).
 */
import { readFileSync } from "node:fs";
import { createApp } from "../../src/http/app.ts";
import { parseDotenv } from "../dev/config.ts";

export async function openApiDocument(): Promise<string> {
  const wrangler = readFileSync("wrangler.jsonc", "utf8")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/,(\s*[}\]])/g, "$1");
  const env = {
    ...(JSON.parse(wrangler) as { vars: object }).vars,
    ...parseDotenv(readFileSync(".dev.vars.example", "utf8")),
  };
  const res = await createApp().request("http://127.0.0.1:8787/api/v1/openapi.json", {}, env);
  if (res.status !== 200) throw new Error(`the document answered ${res.status}: ${await res.text()}`);
  return res.text();
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(await openApiDocument());
