/**
 * Benchmark counter-example: the mount done naively, with one `*` handler that hands every element
 * to JavaScript to look for URLs. Same URL rules as adam-mount, so only the selector strategy differs.
 */
import { upstreamHeaders } from "../../workers/adam-mount/src/headers";
import { createMount, matchMountPath } from "../../workers/adam-mount/src/mount";
import { mountUrl } from "../../workers/adam-mount/src/urls";

interface NaiveEnv {
  ORIGIN: string;
}

const ATTRIBUTES = ["href", "src", "action", "formaction", "poster"];

export default {
  async fetch(request: Request, env: NaiveEnv): Promise<Response> {
    const url = new URL(request.url);
    const path = matchMountPath(url.pathname);
    if (path.kind !== "inside") return new Response("Not found\n", { status: 404 });
    const upstream = await fetch(env.ORIGIN + path.originPath + url.search, {
      headers: upstreamHeaders(request.headers),
      redirect: "manual",
    });
    if (!upstream.headers.get("content-type")?.startsWith("text/html")) return upstream;
    const mount = createMount(env.ORIGIN, url.origin);
    return new HTMLRewriter()
      .on("*", {
        element(element) {
          for (const name of ATTRIBUTES) {
            const value = element.getAttribute(name);
            if (value !== null) element.setAttribute(name, mountUrl(value, mount));
          }
        },
      })
      .transform(upstream);
  },
} satisfies ExportedHandler<NaiveEnv>;
