import { z } from "zod";
import { productionProblems } from "./production";

/**
 * Vars and secrets, validated once per isolate into a typed config. Bindings (KV, queues, rate
 * limiters) stay on `Env`, typed by `wrangler types`; everything textual is checked here so a
 * misconfigured deployment fails loudly at the first request instead of deep inside a handler.
 */
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, "must be a postgres://user:password@host/database URL");

const ConfigSchema = z
  .object({
    ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
    DATABASE_URL: postgresUrl,
    /** The users' database; the TikTok database when unset (users then live in their own schema). */
    USERS_DATABASE_URL: postgresUrl.optional(),
    /** Local development only: where the driver sends SQL instead of Neon's own endpoint. */
    NEON_HTTP_ENDPOINT: z.url().optional(),
    /** HS256 key shared by every trusted issuer of access tokens. */
    JWT_SECRET: z.string().min(32, "must be at least 32 characters"),
    JWT_ISSUER: z.string().min(1),
    JWT_AUDIENCE: z.string().min(1),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    /** Sliding: a session unused this long ends (each renewal starts the count again). */
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    /** Absolute: a session ends this long after its log-in, however often it is renewed. */
    SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(90),
    /** Comma-separated origins allowed to call the API from a browser (the dashboard). */
    DASHBOARD_ORIGINS: z.string().min(1),
    DASHBOARD_URL: z.url(),
    TIKTOK_CLIENT_KEY: z.string().min(1),
    TIKTOK_CLIENT_SECRET: z.string().min(1),
    /** The secret before a rotation: webhooks signed with it are accepted until it is removed. */
    TIKTOK_CLIENT_SECRET_PREVIOUS: z.string().min(1).optional(),
    TIKTOK_API_BASE: z.url().default("https://open.tiktokapis.com"),
    TIKTOK_AUTH_BASE: z.url().default("https://www.tiktok.com"),
    TIKTOK_REDIRECT_URI: z.url(),
    TIKTOK_SCOPES: z.string().default("user.info.basic,user.info.profile,user.info.stats,video.list"),
    /**
     * Watch-time insights: TikTok's Accounts API (API for Business) is another app with its own
     * credentials, consent and redirect URI. Without its key and secret the feature is off (the
     * dashboard says so and works without it).
     */
    TIKTOK_BUSINESS_CLIENT_KEY: z.string().min(1).optional(),
    TIKTOK_BUSINESS_CLIENT_SECRET: z.string().min(1).optional(),
    TIKTOK_BUSINESS_API_BASE: z.url().default("https://business-api.tiktok.com/open_api/v1.3"),
    TIKTOK_BUSINESS_AUTH_BASE: z.url().default("https://www.tiktok.com"),
    TIKTOK_BUSINESS_REDIRECT_URI: z.url().optional(),
    TIKTOK_BUSINESS_SCOPES: z
      .string()
      .default(
        "user.info.basic,user.info.username,user.info.stats,user.insights,user.account.type,video.list,video.insights",
      ),
    /** Accounts API requests per minute per endpoint Adam allows itself (TikTok publishes no limit). */
    WATCH_BUDGET_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /**
     * AES-256-GCM keys for TikTok tokens at rest: `<version>:<base64 of 32 bytes>`, comma-separated.
     * The highest version encrypts; every listed version decrypts, so keys can rotate.
     */
    TOKEN_ENCRYPTION_KEYS: z
      .string()
      .regex(/^\d+:[A-Za-z0-9+/]{43}=(,\d+:[A-Za-z0-9+/]{43}=)*$/, "must be <version>:<base64 32-byte key>[,…]")
      .refine((keys) => {
        const versions = keys.split(",").map((entry) => Number(entry.split(":")[0]));
        return new Set(versions).size === versions.length;
      }, "two keys share a version (which one decrypts is then a guess)"),
    /** Snapshot jobs of one cycle are spread over this many seconds, so TikTok sees an even pace. */
    INGEST_SPREAD_SECONDS: z.coerce.number().int().min(0).max(1_700).default(1_500),
    /** TikTok requests per minute per endpoint Adam allows itself: TikTok's 600, less headroom. */
    INGEST_TIKTOK_BUDGET_PER_MINUTE: z.coerce.number().int().min(1).default(540),
    /** First retry delay of a failed job; doubles per attempt, capped at 15 minutes. */
    INGEST_RETRY_BASE_SECONDS: z.coerce.number().int().min(0).max(900).default(30),
    /** How long a job rate-limited by TikTok waits before it tries again. */
    INGEST_RATE_LIMIT_DELAY_SECONDS: z.coerce.number().int().min(0).max(1_800).default(120),
    /** Entries of the in-memory cache tier per isolate; 0 turns it off (Cache API only). */
    MEMORY_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(2_000),
    /** Bytes the in-memory tier may hold per isolate (of its 128 MB). */
    MEMORY_CACHE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(64 * 1024 * 1024)
      .default(16 * 1024 * 1024),
    /** How long /healthz reuses its figures per isolate (0: read them every time). */
    HEALTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    /** Shows /healthz's counts to monitoring (`Authorization: Bearer <token>`); unset, nobody sees them. */
    OPERATOR_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    /** Where the API answers, for links in emails (one-click unsubscribe). */
    API_URL: z.url(),
    /** Anomalies at least this confident (0–1) become alerts; README "Alerts" has the backtest's figures. */
    ALERT_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.7),
    /** Signs unsubscribe links and derives each webhook's signing secret (README "Webhooks"). */
    ALERTS_SECRET: z.string().min(32, "must be at least 32 characters"),
    /** First retry delay of a failed delivery; doubles per attempt, capped at 15 minutes. */
    ALERT_RETRY_BASE_SECONDS: z.coerce.number().int().min(0).max(900).default(30),
    /** An alert older than this when it is fanned out goes to the in-app list only (a backfill's past events). */
    ALERT_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(360),
    /** Resend's API (https://resend.com/docs/api-reference/emails/send-email); the sink locally. */
    EMAIL_API_BASE: z.url().default("https://api.resend.com"),
    /** Resend API key; unset, the email channel is off (logged as such). */
    EMAIL_API_KEY: z.string().min(1).optional(),
    /** The sender, e.g. `Adam <alerts@adam.lenkostudio.com>` (a domain verified at Resend). */
    EMAIL_FROM: z.string().min(3).default("Adam <alerts@adam.lenkostudio.com>"),
    /** VAPID application keys (RFC 8292): P-256, base64url; unset, the push channel is off. */
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^B[A-Za-z0-9_-]{86}$/, "must be an uncompressed P-256 public key, base64url")
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be a P-256 private key (32 bytes), base64url")
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)/, "must be a mailto: or https: contact")
      .default("mailto:alerts@adam.lenkostudio.com"),
  })
  .superRefine((env, ctx) => {
    // The key and secret switch the feature on: both or neither, and then a redirect URI.
    if ((env.TIKTOK_BUSINESS_CLIENT_KEY === undefined) !== (env.TIKTOK_BUSINESS_CLIENT_SECRET === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["TIKTOK_BUSINESS_CLIENT_KEY"],
        message:
          "watch-time insights need both TIKTOK_BUSINESS_CLIENT_KEY and TIKTOK_BUSINESS_CLIENT_SECRET (or neither)",
      });
    } else if (env.TIKTOK_BUSINESS_CLIENT_KEY !== undefined && env.TIKTOK_BUSINESS_REDIRECT_URI === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["TIKTOK_BUSINESS_REDIRECT_URI"],
        message: "is required with TIKTOK_BUSINESS_CLIENT_KEY (the Accounts API app's registered redirect URI)",
      });
    }
    if (env.ENVIRONMENT !== "production") return;
    for (const { setting, message } of productionProblems(env)) {
      ctx.addIssue({ code: "custom", path: [setting], message: `${message} (ENVIRONMENT=production)` });
    }
  })
  .transform((env) => ({
    environment: env.ENVIRONMENT,
    databaseUrl: env.DATABASE_URL,
    usersDatabaseUrl: env.USERS_DATABASE_URL ?? env.DATABASE_URL,
    neonHttpEndpoint: env.NEON_HTTP_ENDPOINT,
    jwt: {
      secret: env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    },
    refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    sessionMaxDays: env.SESSION_MAX_DAYS,
    dashboardOrigins: env.DASHBOARD_ORIGINS.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    dashboardUrl: env.DASHBOARD_URL,
    memoryCacheEntries: env.MEMORY_CACHE_ENTRIES,
    memoryCacheBytes: env.MEMORY_CACHE_BYTES,
    operatorToken: env.OPERATOR_TOKEN,
    healthCacheSeconds: env.HEALTH_CACHE_SECONDS,
    tiktok: {
      clientKey: env.TIKTOK_CLIENT_KEY,
      clientSecret: env.TIKTOK_CLIENT_SECRET,
      previousClientSecret: env.TIKTOK_CLIENT_SECRET_PREVIOUS,
      apiBase: env.TIKTOK_API_BASE.replace(/\/$/, ""),
      authBase: env.TIKTOK_AUTH_BASE.replace(/\/$/, ""),
      redirectUri: env.TIKTOK_REDIRECT_URI,
      scopes: env.TIKTOK_SCOPES.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    },
    /** The Accounts API app, or null when watch-time insights are not configured. */
    watch:
      env.TIKTOK_BUSINESS_CLIENT_KEY && env.TIKTOK_BUSINESS_CLIENT_SECRET && env.TIKTOK_BUSINESS_REDIRECT_URI
        ? {
            clientKey: env.TIKTOK_BUSINESS_CLIENT_KEY,
            clientSecret: env.TIKTOK_BUSINESS_CLIENT_SECRET,
            apiBase: env.TIKTOK_BUSINESS_API_BASE.replace(/\/$/, ""),
            authBase: env.TIKTOK_BUSINESS_AUTH_BASE.replace(/\/$/, ""),
            redirectUri: env.TIKTOK_BUSINESS_REDIRECT_URI,
            scopes: env.TIKTOK_BUSINESS_SCOPES.split(",")
              .map((s) => s.trim())
              .filter(Boolean),
            budgetPerMinute: env.WATCH_BUDGET_PER_MINUTE,
          }
        : null,
    ingest: {
      spreadSeconds: env.INGEST_SPREAD_SECONDS,
      tiktokBudgetPerMinute: env.INGEST_TIKTOK_BUDGET_PER_MINUTE,
      retryBaseSeconds: env.INGEST_RETRY_BASE_SECONDS,
      rateLimitDelaySeconds: env.INGEST_RATE_LIMIT_DELAY_SECONDS,
    },
    apiUrl: env.API_URL.replace(/\/$/, ""),
    alerts: {
      minConfidence: env.ALERT_MIN_CONFIDENCE,
      secret: env.ALERTS_SECRET,
      retryBaseSeconds: env.ALERT_RETRY_BASE_SECONDS,
      maxAgeMs: env.ALERT_MAX_AGE_MINUTES * 60_000,
      /** Webhooks and push endpoints must be public https URLs (production). */
      publicTargetsOnly: env.ENVIRONMENT === "production",
      email: env.EMAIL_API_KEY
        ? { apiBase: env.EMAIL_API_BASE.replace(/\/$/, ""), apiKey: env.EMAIL_API_KEY, from: env.EMAIL_FROM }
        : null,
      vapid:
        env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
          ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT }
          : null,
    },
    tokenKeys: env.TOKEN_ENCRYPTION_KEYS.split(",").map((entry) => {
      const [version, key] = entry.split(":") as [string, string];
      return { version: Number(version), key };
    }),
  }));

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join("; ")}`);
  }
}

const parsed = new WeakMap<object, Config>();

/** Empty strings count as unset, as `wrangler dev` passes unset vars from .dev.vars as "". */
function withoutEmpty(env: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
}

export function loadConfig(env: Env): Config {
  const cached = parsed.get(env);
  if (cached) return cached;
  const result = ConfigSchema.safeParse(withoutEmpty(env));
  if (!result.success) {
    // Names the setting, never its value: a secret must not reach the logs.
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  parsed.set(env, result.data);
  return result.data;
}
