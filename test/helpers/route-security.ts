import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, forgedTokens } from "./tokens";
import { errorEnvelope } from "./api";

/**
 * The shared security suite: every protected route, called as an attacker would. Without a token,
 * with a token that is not a bearer token, with every forged, expired or misdirected token: a 401
 * envelope. With a valid token for someone else's id: the very 404 a missing id gets
 * (`describeForeignIds`).
 */
export interface ProtectedRoute {
  name: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** A path the token's own claims allow. */
  own: () => string;
  /** The same route for another user's account or video, and for one that does not exist. */
  foreign?: () => string;
  missing?: () => string;
  /** A JSON body, for routes that take one. */
  body?: unknown;
  /** A valid token whose claims hold `own` (not `foreign`). */
  token?: () => Promise<string>;
}

function call(route: ProtectedRoute, path: string, headers: Record<string, string> = {}) {
  const body = route.body === undefined ? undefined : JSON.stringify(route.body);
  return exports.default.fetch(`http://adam.test${path}`, {
    method: route.method ?? "GET",
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers },
    body,
  });
}

const errorOf = async (res: Response) => ((await res.json()) as { error: Record<string, string> }).error;

export function describeRouteSecurity(routes: ProtectedRoute[]): void {
  describe.each(routes)("$name route security", (route) => {
    it("refuses a request without a token", async () => {
      const res = await call(route, route.own());
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="adam"');
      expect(await res.json()).toEqual(
        errorEnvelope(res, "unauthorized", "Missing access token: send Authorization: Bearer <token>."),
      );
    });

    it("refuses a token that is not a bearer token", async () => {
      const res = await call(route, route.own(), { authorization: "Basic dXNlcjpwYXNz" });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).message).toBe("Invalid access token.");
    });

    it("refuses every forged, expired or misdirected token", async () => {
      const forged = await forgedTokens(["1", "2"]);
      for (const [label, token] of Object.entries(forged)) {
        const res = await call(route, route.own(), bearer(token));
        expect(res.status, label).toBe(401);
        const error = await errorOf(res);
        expect(error.code, label).toBe("unauthorized");
        expect(error.message, label).toBe(
          label === "an expired token" ? "Access token expired: refresh it." : "Invalid access token.",
        );
      }
    });
  });
}

/** Routes that take an account or video id: someone else's gets the very 404 a missing one gets. */
export function describeForeignIds(
  routes: (ProtectedRoute & Required<Pick<ProtectedRoute, "foreign" | "missing" | "token">>)[],
): void {
  describe.each(routes)("$name route authorisation", (route) => {
    it("answers another user's id with the same 404 as a missing one", async () => {
      const headers = bearer(await route.token());
      const [a, b] = [await call(route, route.foreign(), headers), await call(route, route.missing(), headers)];
      expect([a.status, b.status]).toEqual([404, 404]);
      const [ea, eb] = [await errorOf(a), await errorOf(b)];
      expect({ ...ea, request_id: "" }).toEqual({ ...eb, request_id: "" });
    });
  });
}
