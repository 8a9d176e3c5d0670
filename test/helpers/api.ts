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
