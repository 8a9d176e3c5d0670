import { TikTokError, type TikTokAction } from "../errors";

/**
 * The Accounts API answers errors with HTTP 200 and a non-zero `code` (tiktok-api.md §7). Its code
 * table is TikTok's; these are the codes Adam acts on, mapped onto the Display API's names so the
 * rest of Adam handles both APIs the same way (the simulator uses the same table). Anything else:
 * a 5xxxx code is TikTok's trouble (retry), any other code is a request TikTok refuses (fix it).
 */
const CODES: Record<number, { code: string; action?: TikTokAction }> = {
  40001: { code: "scope_not_authorized" },
  40002: { code: "invalid_params" },
  40100: { code: "rate_limit_exceeded" },
  40101: { code: "invalid_client" },
  40102: { code: "access_token_invalid" },
  40104: { code: "access_token_invalid" },
  40105: { code: "access_token_invalid" },
  40107: { code: "invalid_grant" },
  40110: { code: "invalid_grant" },
  50000: { code: "internal_error" },
};

export function businessError(
  businessCode: number,
  message: string,
  details: { endpoint: string; httpStatus: number; requestId?: string },
): TikTokError {
  const known = CODES[businessCode];
  const code = known?.code ?? `business_${businessCode}`;
  const action: TikTokAction | undefined =
    known?.action ?? (known ? undefined : businessCode >= 50_000 ? "retry" : "fix_request");
  return new TikTokError(code, message, {
    endpoint: details.endpoint,
    httpStatus: details.httpStatus,
    logId: details.requestId,
    businessCode,
    ...(action ? { action } : {}),
  });
}
