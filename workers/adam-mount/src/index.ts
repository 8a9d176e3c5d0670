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
import { bodyKind, mountResponse } from "./response";

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
    const headers = upstreamHeaders(request.headers);
    const ask = () =>
      fetch(new Request(upstreamUrl, { method: request.method, headers, body: request.body, redirect: "manual" }));
    let upstream: Response;
    try {
      upstream = await ask();
      if (upstream.status === 206 && bodyKind(upstream.headers.get("content-type")) !== "other") {
        // A slice of a page or stylesheet cannot be rewritten on its own: the whole of it, as a
        // 200, which answers any Range request (a server may always ignore Range).
        await upstream.body?.cancel();
        headers.delete("range");
        headers.delete("if-range");
        upstream = await ask();
      }
    } catch {
      return new Response("Bad gateway: the landing site's origin did not answer\n", { status: 502 });
    }
    return mountResponse(upstream, request, createMount(env.ORIGIN, url.origin));
  },
} satisfies ExportedHandler<Env>;
