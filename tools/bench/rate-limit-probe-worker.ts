/**
 * Benchmark-only worker (npm run bench:api): what one call of the Rate Limiting binding costs in
 * workerd CPU under `wrangler dev`, where Miniflare simulates the binding with a fetch to a Durable
 * Object. `/limit` makes the call the data routes make (a key per user, the free budget), `/` the
 * same answer without it; the difference is the simulation's cost per request.
 */
interface ProbeEnv {
  RL: RateLimit;
}

let calls = 0;

export default {
  async fetch(request: Request, env: ProbeEnv): Promise<Response> {
    if (new URL(request.url).pathname === "/limit") {
      // a new key every 8 calls, as the bench's users each make 8 requests
      const { success } = await env.RL.limit({ key: `user:${Math.floor(calls++ / 8)}` });
      return new Response(success ? "ok" : "limited");
    }
    return new Response("ok");
  },
};
