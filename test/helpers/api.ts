import { exports } from "cloudflare:workers";
import { bearer } from "./tokens";

/** Calls the API as the dashboard would: signed in when given a token, and a body always JSON. */
export const callApi = (path: string, init: RequestInit & { token?: string } = {}) =>
  exports.default.fetch(`http://adam.test${path}`, {
    ...init,
    headers: {
      ...(init.token ? bearer(init.token) : {}),
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });

/** The API's one error envelope, as `res` must carry it: the code, the message, `res`'s request id. */
export const errorEnvelope = (res: Response, code: string, message: string) => ({
  error: { code, message, request_id: res.headers.get("x-request-id") },
});
