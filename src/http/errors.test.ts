import { describe, expect, it } from "vitest";
import { AuthError, type AuthRefusal } from "../auth/errors";
import { ApiError, apiErrorOf } from "./errors";

describe("apiErrorOf", () => {
  it.each<[AuthRefusal, number, string]>([
    ["email_taken", 409, "conflict"],
    ["invalid_credentials", 401, "unauthorized"],
    ["account_locked", 429, "rate_limited"],
    ["lockout_unavailable", 503, "temporarily_unavailable"],
    ["account_suspended", 403, "forbidden"],
    ["wrong_password", 403, "forbidden"],
    ["no_session", 401, "unauthorized"],
    ["refresh_token_reused", 401, "unauthorized"],
    ["session_expired", 401, "unauthorized"],
  ])("answers the auth refusal %s with %i %s and the refusal's own words", (reason, status, code) => {
    const answer = apiErrorOf(new AuthError(reason, "In the user's words."));
    expect(answer).toBeInstanceOf(ApiError);
    expect({ status: answer?.status, code: answer?.code, message: answer?.message }).toEqual({
      status,
      code,
      message: "In the user's words.",
    });
    expect(answer?.options).toEqual({});
  });

  it("turns a refusal's retry time into a Retry-After header", () => {
    expect(apiErrorOf(new AuthError("account_locked", "Locked.", 540))?.options).toEqual({
      headers: { "retry-after": "540" },
    });
  });

  it("passes an ApiError through and leaves any other error to the error middleware", () => {
    const apiError = new ApiError("not_found", "No such thing.");
    expect(apiErrorOf(apiError)).toBe(apiError);
    expect(apiErrorOf(new Error("boom"))).toBeUndefined();
  });
});

describe("AuthError", () => {
  it("says which refusals end the presented session (the refresh cookie is dropped)", () => {
    const ending = (reason: AuthRefusal) => new AuthError(reason, "").endsSession;
    expect(ending("no_session")).toBe(true);
    expect(ending("refresh_token_reused")).toBe(true);
    expect(ending("session_expired")).toBe(true);
    expect(ending("account_suspended")).toBe(false);
    expect(ending("invalid_credentials")).toBe(false);
  });
});
