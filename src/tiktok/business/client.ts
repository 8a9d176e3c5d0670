import type { z } from "zod";
import { TikTokError } from "../errors";
import { requestJson, transportOf, withRetries, type ClientOptions } from "../transport";
import { businessError } from "./errors";
import { accountFields, videoFields } from "./fields";
import {
  BusinessAccountSchema,
  BusinessEnvelopeSchema,
  BusinessTokenSchema,
  BusinessVideoPageSchema,
  type BusinessAccount,
  type BusinessToken,
  type BusinessVideo,
} from "./schemas";

/**
 * TikTok's Accounts API (API for Business, organic; tiktok-api.md §7): its OAuth (JSON bodies,
 * `client_id`/`client_secret` of its own app) and the two reads watch-time insights need,
 * `business/get` and `business/video/list` (`Access-Token` header, everything else in the query
 * string, `fields` as a JSON array). **Errors come back as HTTP 200 with a non-zero `code`**:
 * every answer is read for its code, whatever the status, and becomes a TikTokError that says what
 * helps (retry, refresh, reconnect, fix the request). Transient failures (40100, 5xxxx, network,
 * timeouts, garbled bodies) are retried here with capped, jittered backoff; TikTok publishes no
 * rate limit for this API, so a 40100 also slows the caller down (the job is re-paced). One
 * attempt times out after 15 s by default: `business/get` over 60 days is not instant (the
 * transport: ../transport.ts).
 */
export type WatchClientOptions = ClientOptions;

export const MAX_WATCH_PAGE = 20;

export interface WatchVideoPage {
  videos: BusinessVideo[];
  cursor: number | undefined;
  hasMore: boolean;
  /** When TikTok answered (its Date header). */
  observedAtMs: number;
}

export interface WatchClient {
  exchangeCode(code: string, redirectUri: string): Promise<BusinessToken>;
  refresh(refreshToken: string): Promise<BusinessToken>;
  revoke(accessToken: string): Promise<void>;
  /** The profile (and with `range`, the daily metrics and demographics), and when TikTok answered. */
  account(
    accessToken: string,
    businessId: string,
    scopes: readonly string[],
    range?: { startDate: string; endDate: string },
  ): Promise<BusinessAccount & { observedAtMs: number }>;
  videos(
    accessToken: string,
    businessId: string,
    scopes: readonly string[],
    page?: { cursor?: number; maxCount?: number },
  ): Promise<WatchVideoPage>;
  /** Newest first, page after page, until a page reaches back before `sinceMs` or the list ends, at most `maxPages`. */
  videosSince(
    accessToken: string,
    businessId: string,
    scopes: readonly string[],
    sinceMs: number,
    maxPages: number,
  ): Promise<{ videos: BusinessVideo[]; complete: boolean; observedAtMs: number }>;
}

export function createWatchClient(options: WatchClientOptions): WatchClient {
  const { apiBase, clientKey, clientSecret } = options;
  const transport = transportOf(options, { timeoutMs: 15_000 });

  /** One request: TikTok's `data`, validated, or a TikTokError (a non-zero code, whatever the HTTP status). */
  async function attempt<T>(endpoint: string, url: string, init: RequestInit, schema: z.ZodType<T>) {
    const { status, body, dateMs } = await requestJson(transport, endpoint, url, init);
    const envelope = BusinessEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new TikTokError(status >= 500 ? "http_error" : "malformed_response", "no Accounts API envelope", {
        endpoint,
        httpStatus: status,
      });
    }
    const { code, message, request_id: requestId, data } = envelope.data;
    if (code !== 0) throw businessError(code, message, { endpoint, httpStatus: status, requestId });
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new TikTokError("malformed_response", parsed.error.message, {
        endpoint,
        httpStatus: status,
        logId: requestId,
      });
    }
    return { data: parsed.data, dateMs };
  }

  /**
   * The OAuth endpoints. Codes (and, when they rotate, refresh tokens) are single-use: after a
   * timeout or a 5xxxx TikTok may have spent them, so a grant is retried only when TikTok said it
   * turned the call away unprocessed (40100). A refused refresh token means reconnecting.
   */
  function oauth<T>(
    endpoint: string,
    path: string,
    body: Record<string, string>,
    schema: z.ZodType<T>,
    singleUse: boolean,
  ) {
    const mayRetry = singleUse ? (e: TikTokError) => e.rateLimited : undefined;
    return withRetries(
      transport,
      async () => {
        try {
          const { data } = await attempt(
            endpoint,
            `${apiBase}${path}`,
            {
              method: "POST",
              headers: { "content-type": "application/json", "cache-control": "no-cache" },
              body: JSON.stringify({ client_id: clientKey, client_secret: clientSecret, ...body }),
            },
            schema,
          );
          return data;
        } catch (error) {
          // A refresh token TikTok will not take (expired, revoked, unknown): the user must consent again.
          if (
            endpoint === "watch_refresh" &&
            error instanceof TikTokError &&
            error.details.businessCode &&
            !error.retryable
          )
            throw new TikTokError("invalid_grant", error.message, { ...error.details, action: "reconnect" });
          throw error;
        }
      },
      mayRetry,
    );
  }

  function read<T>(
    endpoint: string,
    path: string,
    accessToken: string,
    query: Record<string, string>,
    schema: z.ZodType<T>,
  ) {
    return withRetries(transport, () =>
      attempt(
        endpoint,
        `${apiBase}${path}?${new URLSearchParams(query)}`,
        { method: "GET", headers: { "access-token": accessToken } },
        schema,
      ),
    );
  }

  const client: WatchClient = {
    exchangeCode: (code, redirectUri) =>
      oauth(
        "watch_token",
        "/tt_user/oauth2/token/",
        { grant_type: "authorization_code", auth_code: code, redirect_uri: redirectUri },
        BusinessTokenSchema,
        true,
      ),

    refresh: (refreshToken) =>
      oauth(
        "watch_refresh",
        "/tt_user/oauth2/refresh_token/",
        { grant_type: "refresh_token", refresh_token: refreshToken },
        BusinessTokenSchema,
        true,
      ),

    async revoke(accessToken) {
      await oauth(
        "watch_revoke",
        "/tt_user/oauth2/revoke/",
        { access_token: accessToken },
        BusinessEnvelopeSchema.shape.data,
        false,
      );
    },

    async account(accessToken, businessId, scopes, range) {
      const query: Record<string, string> = {
        business_id: businessId,
        fields: JSON.stringify(accountFields(scopes, range !== undefined)),
        ...(range ? { start_date: range.startDate, end_date: range.endDate } : {}),
      };
      const { data, dateMs } = await read("watch_account", "/business/get/", accessToken, query, BusinessAccountSchema);
      return { ...data, observedAtMs: dateMs ?? Date.now() };
    },

    async videos(accessToken, businessId, scopes, page = {}) {
      const query: Record<string, string> = {
        business_id: businessId,
        fields: JSON.stringify(videoFields(scopes)),
        max_count: String(Math.min(page.maxCount ?? MAX_WATCH_PAGE, MAX_WATCH_PAGE)),
        ...(page.cursor ? { cursor: String(page.cursor) } : {}),
      };
      const { data, dateMs } = await read(
        "watch_videos",
        "/business/video/list/",
        accessToken,
        query,
        BusinessVideoPageSchema,
      );
      return { videos: data.videos, cursor: data.cursor, hasMore: data.has_more, observedAtMs: dateMs ?? Date.now() };
    },

    async videosSince(accessToken, businessId, scopes, sinceMs, maxPages) {
      const videos: BusinessVideo[] = [];
      let cursor: number | undefined;
      let observedAtMs = 0;
      for (let n = 0; n < maxPages; n++) {
        const page = await client.videos(accessToken, businessId, scopes, { cursor });
        videos.push(...page.videos);
        observedAtMs = Math.max(observedAtMs, page.observedAtMs);
        // Pages can be short while has_more is true: stop on has_more, not on length.
        const reachedBack = page.videos.some((v) => v.create_time !== undefined && v.create_time * 1000 < sinceMs);
        if (!page.hasMore || reachedBack || page.cursor === undefined) return { videos, complete: true, observedAtMs };
        cursor = page.cursor;
      }
      return { videos, complete: false, observedAtMs };
    },
  };
  return client;
}
