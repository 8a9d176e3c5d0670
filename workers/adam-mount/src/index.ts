/**
 * adam-mount: serves the landing site under /adam on lenkostudio.com.
 * - `/adam` answers 301 to `/adam/` (query kept), so relative links resolve inside the mount.
 * - `/adam/*` is fetched from ORIGIN without the prefix, redirects are not followed (their
 *   Location is rewritten instead), and the answer streams back through response.ts.
 * - Anything else, e.g. `/adamant`, is not part of the mount and answers 404; the routes in
 *   wrangler.jsonc keep such paths from reaching this worker in production.
 */
import { upstreamHeaders } from "./headers";
import { createMount, matchMountPath, PREFIX } from "./mount";
import { mountResponse } from "./response";

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    const path = matchMountPath(url.pathname);
    if (path.kind === "outside") return new Response("Not found\n", { status: 404 });
    if (path.kind === "redirect") {
      return new Response(null, { status: 301, headers: { location: `${PREFIX}/${url.search}` } });
    }

    // Concatenated, not resolved: resolving `//elsewhere/x` against ORIGIN would leave the origin.
    const upstreamUrl = env.ORIGIN.replace(/\/+$/, "") + path.originPath + url.search;
    const upstreamRequest = new Request(upstreamUrl, {
      method: request.method,
      headers: upstreamHeaders(request.headers),
      body: request.body,
      redirect: "manual",
    });
    let upstream: Response;
    try {
      upstream = await fetch(upstreamRequest);
    } catch {
      return new Response("Bad gateway: the landing site's origin did not answer\n", { status: 502 });
    }
    return mountResponse(upstream, request, createMount(env.ORIGIN, url.origin));
  },
} satisfies ExportedHandler<Env>;
