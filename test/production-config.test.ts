import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig, ConfigError } from "../src/env";
import { createApp } from "../src/http/app";
import { testEnv } from "./helpers/env";

/**
 * ENVIRONMENT=production refuses to serve with a configuration that protects nothing: example
 * secrets everybody can read in this repository, the local database endpoint, TikTok over plain
 * HTTP, two encryption keys under one version. Every request is then a generic 500 and the log
 * names the settings (never their values).
 */
const PRODUCTION = {
  ENVIRONMENT: "production",
  DATABASE_URL: "postgres://adam:s3cret@ep-quiet-sea-123.eu-central-1.aws.neon.tech/adam",
  JWT_SECRET: "a-production-secret-of-enough-length-0123456789",
  JWT_ISSUER: "https://api.adam.lenkostudio.com",
  JWT_AUDIENCE: "adam-api",
  DASHBOARD_ORIGINS: "https://adam.lenkostudio.com,https://lenkostudio.com",
  DASHBOARD_URL: "https://adam.lenkostudio.com/app/",
  TIKTOK_CLIENT_KEY: "awx0realclientkey",
  TIKTOK_CLIENT_SECRET: "a-real-client-secret",
  TIKTOK_API_BASE: "https://open.tiktokapis.com",
  TIKTOK_AUTH_BASE: "https://www.tiktok.com",
  TIKTOK_REDIRECT_URI: "https://api.adam.lenkostudio.com/tiktok/callback",
  TOKEN_ENCRYPTION_KEYS: "1:cHJvZHVjdGlvbi1rZXktb25lLTMyLWJ5dGVzLWxvbmc=",
  API_URL: "https://api.adam.lenkostudio.com",
  ALERTS_SECRET: "a-production-alerts-secret-of-enough-length-0123",
  EMAIL_API_KEY: "re_aRealResendKey",
};

const problemsOf = (overrides: Record<string, string>) => {
  try {
    loadConfig({ ...PRODUCTION, ...overrides } as unknown as Env);
    return [];
  } catch (error) {
    return (error as ConfigError).issues;
  }
};

afterEach(() => vi.restoreAllMocks());

describe("a production configuration", () => {
  it("is accepted when it is a real one", () => {
    expect(problemsOf({})).toEqual([]);
  });

  it.each([
    ["JWT_SECRET", "local-development-jwt-secret-not-for-production-use"],
    ["TIKTOK_CLIENT_SECRET", "sim-client-secret"],
    ["TIKTOK_CLIENT_KEY", "sim-client-key"],
    ["DATABASE_URL", "postgres://adam:adam@127.0.0.1:5480/adam"],
    ["ALERTS_SECRET", "local-development-alerts-secret-not-for-production"],
    ["EMAIL_API_KEY", "re_local_outbox_sink"],
    ["VAPID_PRIVATE_KEY", "hxPLXks4eSuAIYhlcVP6PcsaRRXyhwx4iKehGRTTQQE"],
    [
      "TOKEN_ENCRYPTION_KEYS",
      "1:cHJvZHVjdGlvbi1rZXktb25lLTMyLWJ5dGVzLWxvbmc=,2:bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=",
    ],
  ])("is refused with %s left at the example value", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([
      `${name}: is the example value from .dev.vars.example (ENVIRONMENT=production)`,
    ]);
  });

  it("is refused with the local database endpoint set", () => {
    expect(problemsOf({ NEON_HTTP_ENDPOINT: "http://127.0.0.1:5480/sql" })).toEqual([
      "NEON_HTTP_ENDPOINT: is for local development only (production talks to Neon itself) (ENVIRONMENT=production)",
    ]);
  });

  it.each(["TIKTOK_API_BASE", "TIKTOK_AUTH_BASE", "API_URL", "EMAIL_API_BASE"])(
    "is refused with %s over plain HTTP",
    (name) => {
      expect(problemsOf({ [name]: "http://127.0.0.1:8790" })).toEqual([
        `${name}: must be an https:// URL (ENVIRONMENT=production)`,
      ]);
    },
  );

  const WATCH = {
    TIKTOK_BUSINESS_CLIENT_KEY: "a-real-business-app-key",
    TIKTOK_BUSINESS_CLIENT_SECRET: "a-real-business-app-secret",
    TIKTOK_BUSINESS_REDIRECT_URI: "https://api.adam.lenkostudio.com/tiktok/watch/callback",
  };

  it("is accepted with the Accounts API app configured, and without it (watch-time insights are optional)", () => {
    expect(problemsOf(WATCH)).toEqual([]);
    expect(loadConfig({ ...PRODUCTION } as unknown as Env).watch).toBeNull();
    expect(loadConfig({ ...PRODUCTION, ...WATCH } as unknown as Env).watch).toMatchObject({
      apiBase: "https://business-api.tiktok.com/open_api/v1.3",
      authBase: "https://www.tiktok.com",
    });
  });

  it.each([
    ["TIKTOK_BUSINESS_CLIENT_KEY", "sim-business-key"],
    ["TIKTOK_BUSINESS_CLIENT_SECRET", "sim-business-secret"],
  ])("is refused with the Accounts API's %s left at the example value", (name, value) => {
    expect(problemsOf({ ...WATCH, [name]: value })).toEqual([
      `${name}: is the example value from .dev.vars.example (ENVIRONMENT=production)`,
    ]);
  });

  it.each(["TIKTOK_BUSINESS_API_BASE", "TIKTOK_BUSINESS_AUTH_BASE", "TIKTOK_BUSINESS_REDIRECT_URI"])(
    "is refused with the Accounts API's %s over plain HTTP",
    (name) => {
      expect(problemsOf({ ...WATCH, [name]: "http://127.0.0.1:8790/x" })).toEqual([
        `${name}: must be an https:// URL (ENVIRONMENT=production)`,
      ]);
    },
  );

  it("is refused (in any environment) with half an Accounts API app", () => {
    const half = { TIKTOK_BUSINESS_CLIENT_KEY: "a-real-business-app-key" };
    expect(problemsOf(half)).toEqual([
      "TIKTOK_BUSINESS_CLIENT_KEY: watch-time insights need both TIKTOK_BUSINESS_CLIENT_KEY and TIKTOK_BUSINESS_CLIENT_SECRET (or neither)",
    ]);
    expect(problemsOf({ ENVIRONMENT: "development", ...half })).toHaveLength(1);
    const { TIKTOK_BUSINESS_REDIRECT_URI: _, ...noRedirect } = WATCH;
    expect(problemsOf(noRedirect)).toEqual([
      "TIKTOK_BUSINESS_REDIRECT_URI: is required with TIKTOK_BUSINESS_CLIENT_KEY (the Accounts API app's registered redirect URI)",
    ]);
  });

  it("is refused (in any environment) when two encryption keys share a version", () => {
    const keys = "1:cHJvZHVjdGlvbi1rZXktb25lLTMyLWJ5dGVzLWxvbmc=,1:YW5vdGhlci1rZXktdGhlLXNhbWUtdmVyc2lvbi0hISE=";
    expect(problemsOf({ TOKEN_ENCRYPTION_KEYS: keys })).toEqual([
      "TOKEN_ENCRYPTION_KEYS: two keys share a version (which one decrypts is then a guess)",
    ]);
    expect(problemsOf({ ENVIRONMENT: "development", TOKEN_ENCRYPTION_KEYS: keys })).toHaveLength(1);
  });

  it("is allowed the example values in development", () => {
    expect(
      problemsOf({ ENVIRONMENT: "development", JWT_SECRET: "local-development-jwt-secret-not-for-production-use" }),
    ).toEqual([]);
  });

  it("with an example secret serves nothing: a generic 500, and a bad_environment log naming the setting, not the value", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    const env = { ...testEnv, ...PRODUCTION, JWT_SECRET: "local-development-jwt-secret-not-for-production-use" };
    const ctx = createExecutionContext();
    const res = await createApp().fetch(new Request("https://api.adam.lenkostudio.com/api/v1/accounts"), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "internal_error",
      message: "Something went wrong on our side; it has been logged.",
    });
    const line = logged.find((l) => l.includes('"event":"bad_environment"'));
    expect(line).toContain("JWT_SECRET: is the example value");
    expect(line).not.toContain("local-development-jwt-secret");
  });
});
