/**
 * Benchmark baseline: the same hop as adam-mount (strip /adam, fetch the origin, hand the answer
 * back) with no rewriting at all, so the difference between the two is the rewriter's cost.
 */
interface PassthroughEnv {
  ORIGIN: string;
}

export default {
  fetch(request: Request, env: PassthroughEnv): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.startsWith("/adam/") ? url.pathname.slice("/adam".length) : url.pathname;
    return fetch(new Request(env.ORIGIN + path + url.search, request), { redirect: "manual" });
  },
} satisfies ExportedHandler<PassthroughEnv>;
