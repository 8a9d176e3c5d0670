import type { z } from "zod";
import { TikTokError } from "./errors";
import { requestJson, transportOf, withRetries, type ClientOptions } from "./transport";
import {
  EnvelopeErrorSchema,
  OAuthErrorSchema,
  TokenResponseSchema,
  UserInfoDataSchema,
  VideoListDataSchema,
  VideoQueryDataSchema,
  type TikTokUser,
  type TikTokVideo,
  type TokenResponse,
} from "./schemas";
import { userFields, VIDEO_FIELDS } from "./scopes";

/**
 * TikTok's OAuth and Display API v2 (tiktok-api.md). Typed and validated: every answer goes
 * through zod, and every failure becomes a TikTokError saying whether a retry can help.
 * Transient failures (429, 5xx, network, timeout, garbled bodies) are retried here with bounded
 * exponential backoff and full jitter; anything still failing is the caller's to handle. One
 * attempt times out after 10 s by default (the transport: ./transport.ts).
 */
export type TikTokClientOptions = ClientOptions;

export const MAX_PAGE = 20;

export interface VideoPage {
  videos: TikTokVideo[];
  cursor: number;
  hasMore: boolean;
}

export interface TikTokClient {
  exchangeCode(code: string, redirectUri: string): Promise<TokenResponse>;
  refresh(refreshToken: string): Promise<TokenResponse>;
  revoke(accessToken: string): Promise<void>;
  /**
   * The user, and when TikTok observed it: the answer's Date header (a synced server clock, to the
   * second), or our clock when the header is missing.
   */
  userInfo(accessToken: string, scopes: readonly string[]): Promise<{ user: TikTokUser; observedAtMs: number }>;
  listVideos(accessToken: string, page?: { cursor?: number; maxCount?: number }): Promise<VideoPage>;
  /**
   * Newest first, page after page, until a page reaches back before `sinceMs` or the list ends, at
   * most `maxPages`. Every video on the pages read is returned: their counters came for free.
   */
  listVideosSince(
    accessToken: string,
    sinceMs: number,
    maxPages: number,
  ): Promise<{ videos: TikTokVideo[]; complete: boolean }>;
  /** Any number of ids, 20 per request; TikTok silently leaves out videos that are not public or not the user's. */
  queryVideos(accessToken: string, ids: readonly string[]): Promise<TikTokVideo[]>;
}

export function createTikTokClient(options: TikTokClientOptions): TikTokClient {
  const { apiBase, clientKey, clientSecret } = options;
  const transport = transportOf(options, { timeoutMs: 10_000 });

  /**
   * The OAuth endpoints: form bodies in, flat JSON or `{error, error_description, log_id}` out.
   * Codes and refresh tokens are single-use: after a timeout, a dropped connection or a 5xx TikTok
   * may already have spent them, and a retry would only earn `invalid_grant` (and, for a refresh,
   * throw away the new pair TikTok issued). So a grant is retried only when TikTok said it was
   * turned away unprocessed (429).
   */
  function oauth<T>(
    endpoint: string,
    path: string,
    form: Record<string, string>,
    schema: z.ZodType<T>,
    singleUse = false,
  ): Promise<T> {
    const mayRetry = singleUse ? (error: TikTokError) => error.details.httpStatus === 429 : undefined;
    return withRetries(
      transport,
      async () => {
        const { status, body } = await requestJson(transport, endpoint, `${apiBase}${path}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "cache-control": "no-cache" },
          body: new URLSearchParams({ client_key: clientKey, client_secret: clientSecret, ...form }).toString(),
        });
        const failure = OAuthErrorSchema.safeParse(body);
        if (failure.success) {
          throw new TikTokError(failure.data.error, failure.data.error_description ?? "", {
            endpoint,
            httpStatus: status,
            logId: failure.data.log_id,
          });
        }
        const parsed = schema.safeParse(body);
        if (!parsed.success) {
          throw new TikTokError(status >= 500 ? "http_error" : "malformed_response", parsed.error.message, {
            endpoint,
            httpStatus: status,
          });
        }
        return parsed.data;
      },
      mayRetry,
    );
  }

  /** The Display API: `{data, error: {code, message, log_id}}`; success is `error.code == "ok"`, not HTTP 200. */
  function display<T>(
    endpoint: string,
    path: string,
    accessToken: string,
    fields: string,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T & { dateMs?: number }> {
    return withRetries(transport, async () => {
      const url = `${apiBase}${path}?fields=${encodeURIComponent(fields)}`;
      const {
        status,
        body: answer,
        retryAfter,
        dateMs,
      } = await requestJson(transport, endpoint, url, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const envelope = answer as { data?: unknown; error?: unknown };
      const error = EnvelopeErrorSchema.safeParse(envelope?.error);
      if (!error.success) {
        throw new TikTokError(status >= 500 ? "http_error" : "malformed_response", "no error envelope", {
          endpoint,
          httpStatus: status,
        });
      }
      if (error.data.code !== "ok") {
        throw new TikTokError(error.data.code, error.data.message, {
          endpoint,
          httpStatus: status,
          logId: error.data.log_id,
          retryAfterSeconds: retryAfter,
        });
      }
      const data = schema.safeParse(envelope.data);
      if (!data.success)
        throw new TikTokError("malformed_response", data.error.message, {
          endpoint,
          httpStatus: status,
          logId: error.data.log_id,
        });
      return { ...data.data, dateMs };
    });
  }

  const client: TikTokClient = {
    exchangeCode: (code, redirectUri) =>
      oauth(
        "token",
        "/v2/oauth/token/",
        { code, grant_type: "authorization_code", redirect_uri: redirectUri },
        TokenResponseSchema,
        true,
      ),

    refresh: (refreshToken) =>
      oauth(
        "refresh",
        "/v2/oauth/token/",
        { grant_type: "refresh_token", refresh_token: refreshToken },
        TokenResponseSchema,
        true,
      ),

    async revoke(accessToken) {
      await oauth("revoke", "/v2/oauth/revoke/", { token: accessToken }, OAuthErrorSchema.partial());
    },

    async userInfo(accessToken, scopes) {
      const data = await display(
        "user_info",
        "/v2/user/info/",
        accessToken,
        userFields(scopes),
        undefined,
        UserInfoDataSchema,
      );
      return { user: data.user, observedAtMs: data.dateMs ?? Date.now() };
    },

    async listVideos(accessToken, page = {}) {
      const body = {
        max_count: Math.min(page.maxCount ?? MAX_PAGE, MAX_PAGE),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      };
      const data = await display(
        "video_list",
        "/v2/video/list/",
        accessToken,
        VIDEO_FIELDS.join(","),
        body,
        VideoListDataSchema,
      );
      return { videos: data.videos, cursor: data.cursor, hasMore: data.has_more };
    },

    async listVideosSince(accessToken, sinceMs, maxPages) {
      const videos: TikTokVideo[] = [];
      let cursor: number | undefined;
      for (let n = 0; n < maxPages; n++) {
        const page = await client.listVideos(accessToken, { cursor });
        videos.push(...page.videos);
        // Pages can be short while has_more is true (TikTok's own warning): stop on has_more, not length.
        if (!page.hasMore || page.videos.some((v) => v.create_time * 1000 < sinceMs)) return { videos, complete: true };
        cursor = page.cursor;
      }
      return { videos, complete: false };
    },

    async queryVideos(accessToken, ids) {
      const found: TikTokVideo[] = [];
      for (let i = 0; i < ids.length; i += MAX_PAGE) {
        const data = await display(
          "video_query",
          "/v2/video/query/",
          accessToken,
          VIDEO_FIELDS.join(","),
          { filters: { video_ids: ids.slice(i, i + MAX_PAGE) } },
          VideoQueryDataSchema,
        );
        found.push(...data.videos);
      }
      return found;
    },
  };
  return client;
}
