import { readFileSync } from "node:fs";
import { loadConfig, type Config } from "../../src/env.ts";

/** JSONC text without its comments (strings are left alone); trailing commas are removed by the caller. */

function stripJsonComments(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === "\\") out += text[++i] ?? "";
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else out += ch;
  }
  return out;
}

export function parseDotenv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match) vars[match[1] as string] = (match[2] as string).replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

/**
 * The worker's config as `wrangler dev` sees it (vars, then the settings file, then overrides),
 * for tools in Node. `envFile` is what wrangler reads: `.dev.vars`, or the file given to `--env-file`.
 */
export function devConfig(overrides: Record<string, string> = {}, envFile = ".dev.vars"): Config {
  const json = stripJsonComments(readFileSync("wrangler.jsonc", "utf8")).replace(/,(\s*[}\]])/g, "$1");
  const wrangler = JSON.parse(json) as { vars: Record<string, string> };
  const env = { ...wrangler.vars, ...parseDotenv(readFileSync(envFile, "utf8")), ...overrides };
  return loadConfig(env as unknown as Env);
}
