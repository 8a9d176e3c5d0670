/**
 * Extra flags for every `wrangler pages dev` of this project. Pages dev looks for a wrangler
 * config by walking up from its own shim script (inside node_modules/wrangler), so it finds the
 * API worker's wrangler.jsonc and takes its bindings. Those are harmless, except the Durable
 * Object: the API worker exports its class and the Pages site cannot, so pages dev refuses to
 * start. Pointing the binding at a worker that is never run here turns it into a dormant external
 * binding the site never touches (wrangler 4.164).
 */
export const PAGES_DEV_FLAGS = ["--do", "LIMITER=LimiterObject@adam-api-not-served-by-pages"] as const;
