/**
 * What a production deployment must not run with. `loadConfig` refuses such a configuration (a
 * logged `bad_environment` and a generic 500 on every request) instead of serving with a secret
 * everybody can read in this repository, or pointed at a development endpoint.
 */

/**
 * The values `.dev.vars.example` gives the secrets (a test keeps this list in step with the file).
 * In production each of them is public knowledge: tokens signed with that JWT secret, or TikTok
 * tokens encrypted with that key, protect nothing.
 */
export const EXAMPLE_VALUES: Record<string, readonly string[]> = {
  JWT_SECRET: ["local-development-jwt-secret-not-for-production-use"],
  TOKEN_ENCRYPTION_KEYS: ["bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ="],
  TIKTOK_CLIENT_KEY: ["sim-client-key"],
  TIKTOK_CLIENT_SECRET: ["sim-client-secret"],
  TIKTOK_BUSINESS_CLIENT_KEY: ["sim-business-key"],
  TIKTOK_BUSINESS_CLIENT_SECRET: ["sim-business-secret"],
  DATABASE_URL: ["postgres://adam:adam@127.0.0.1:5480/adam"],
  USERS_DATABASE_URL: ["postgres://adam:adam@127.0.0.1:5480/adam"],
  OPERATOR_TOKEN: ["local-operator-token-for-development-only"],
  ALERTS_SECRET: ["local-development-alerts-secret-not-for-production"],
  EMAIL_API_KEY: ["re_local_outbox_sink"],
  VAPID_PRIVATE_KEY: ["hxPLXks4eSuAIYhlcVP6PcsaRRXyhwx4iKehGRTTQQE"],
};

export interface ProductionSettings {
  JWT_SECRET: string;
  TOKEN_ENCRYPTION_KEYS: string;
  TIKTOK_CLIENT_KEY: string;
  TIKTOK_CLIENT_SECRET: string;
  TIKTOK_BUSINESS_CLIENT_KEY?: string;
  TIKTOK_BUSINESS_CLIENT_SECRET?: string;
  TIKTOK_BUSINESS_API_BASE?: string;
  TIKTOK_BUSINESS_AUTH_BASE?: string;
  TIKTOK_BUSINESS_REDIRECT_URI?: string;
  DATABASE_URL: string;
  USERS_DATABASE_URL?: string;
  OPERATOR_TOKEN?: string;
  ALERTS_SECRET: string;
  EMAIL_API_KEY?: string;
  EMAIL_API_BASE: string;
  VAPID_PRIVATE_KEY?: string;
  API_URL: string;
  NEON_HTTP_ENDPOINT?: string;
  TIKTOK_API_BASE: string;
  TIKTOK_AUTH_BASE: string;
  TIKTOK_REDIRECT_URI: string;
  DASHBOARD_URL: string;
  DASHBOARD_ORIGINS: string;
}

/** A setting production refuses, and why (never its value). */
export interface Problem {
  setting: keyof ProductionSettings;
  message: string;
}

export function productionProblems(env: ProductionSettings): Problem[] {
  const problems: Problem[] = [];
  for (const [name, examples] of Object.entries(EXAMPLE_VALUES)) {
    const value = env[name as keyof ProductionSettings];
    if (value === undefined) continue;
    // a key list is refused when any of its keys is the example's
    const parts = name === "TOKEN_ENCRYPTION_KEYS" ? value.split(",").map((p) => p.split(":")[1] ?? "") : [value];
    if (parts.some((part) => examples.includes(part))) {
      problems.push({
        setting: name as keyof ProductionSettings,
        message: "is the example value from .dev.vars.example",
      });
    }
  }
  if (env.NEON_HTTP_ENDPOINT !== undefined) {
    problems.push({
      setting: "NEON_HTTP_ENDPOINT",
      message: "is for local development only (production talks to Neon itself)",
    });
  }
  const https = (name: keyof ProductionSettings, value: string | undefined) => {
    if (value !== undefined && !value.startsWith("https://"))
      problems.push({ setting: name, message: "must be an https:// URL" });
  };
  https("TIKTOK_API_BASE", env.TIKTOK_API_BASE);
  https("TIKTOK_AUTH_BASE", env.TIKTOK_AUTH_BASE);
  https("TIKTOK_REDIRECT_URI", env.TIKTOK_REDIRECT_URI);
  if (env.TIKTOK_BUSINESS_CLIENT_KEY !== undefined) {
    https("TIKTOK_BUSINESS_API_BASE", env.TIKTOK_BUSINESS_API_BASE);
    https("TIKTOK_BUSINESS_AUTH_BASE", env.TIKTOK_BUSINESS_AUTH_BASE);
    https("TIKTOK_BUSINESS_REDIRECT_URI", env.TIKTOK_BUSINESS_REDIRECT_URI);
  }
  https("DASHBOARD_URL", env.DASHBOARD_URL);
  https("API_URL", env.API_URL);
  https("EMAIL_API_BASE", env.EMAIL_API_BASE);
  for (const origin of env.DASHBOARD_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean)) {
    https("DASHBOARD_ORIGINS", origin);
  }
  return problems;
}
