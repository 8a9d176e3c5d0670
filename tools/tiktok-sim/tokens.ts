/**
 * Authorization codes, access tokens and refresh tokens: the only per-user state the simulator
 * keeps. Lifetimes run on the simulator clock. Refresh tokens rotate (the stricter reading of
 * tiktok-api.md): each refresh returns a new one and the old one stops working at once, so a
 * client that refreshes twice with the same token sees `invalid_grant` the second time.
 */
import { randomBytes, randomInt } from "node:crypto";
import { scopeString } from "./scopes.ts";

export interface TokenLifetimes {
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  authCodeTtlSec: number;
}

/** Who authorized what: shared by a code and the tokens it turns into. */
export interface Grant {
  clientKey: string;
  openId: string;
  /** The creator's index in the world. */
  index: number;
  scopes: string[];
}

interface Expiring extends Grant {
  expiresAtMs: number;
}

interface CodeRecord extends Expiring {
  redirectUri: string;
}

/** The flat success body of `POST /v2/oauth/token/` (tiktok-api.md §1.2). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  open_id: string;
  refresh_token: string;
  refresh_expires_in: number;
  scope: string;
  token_type: "Bearer";
}

export type Redeemed = { ok: true; tokens: TokenResponse } | { ok: false; description: string };

export type AccessCheck = { ok: true; grant: Grant } | { ok: false; reason: "unknown" | "expired" };

/** Opaque token text: a TikTok-style prefix and 40 random alphanumerics. */
function opaque(prefix: string): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const bytes = randomBytes(40);
  let out = prefix;
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export class TokenStore {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, Expiring>();
  private readonly refresh = new Map<string, Expiring>();
  /**
   * Used, rotated-out and revoked credentials, kept for a day (simulator time) only so that
   * later calls with them can still be attributed to their account in the call counters.
   */
  private readonly retired = new Map<string, Grant & { retiredAtMs: number }>();

  /** Called after every change to live tokens (the simulator can persist them across restarts). */
  onChange: () => void = () => undefined;

  constructor(
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
  ) {}

  /** Live access and refresh tokens, for a state file: `npm run dev` keeps connections across restarts. */
  toJSON(): { access: [string, Expiring][]; refresh: [string, Expiring][] } {
    return { access: [...this.access], refresh: [...this.refresh] };
  }

  restore(state: { access?: [string, Expiring][]; refresh?: [string, Expiring][] }): void {
    for (const [token, record] of state.access ?? []) this.access.set(token, record);
    for (const [token, record] of state.refresh ?? []) this.refresh.set(token, record);
  }

  issueCode(grant: Grant, redirectUri: string): string {
    this.sweep();
    // Real codes carry characters such as `*` and `!` that must be URL-decoded before the
    // exchange; so do these, to catch clients that forward the raw percent-encoded value.
    const code = `${opaque("")}*0!${randomInt(1000, 10_000)}`;
    this.codes.set(code, { ...grant, redirectUri, expiresAtMs: this.now() + this.lifetimes.authCodeTtlSec * 1000 });
    return code;
  }

  /** The grant behind a code, refresh token or access token, valid or not: for attributing calls and faults. */
  ownerOf(kind: "code" | "refresh" | "access", token: string): Grant | undefined {
    const map = kind === "code" ? this.codes : kind === "refresh" ? this.refresh : this.access;
    return map.get(token) ?? this.retired.get(token);
  }

  /** Single use: the code is gone after the first attempt, whether or not that attempt succeeds. */
  redeemCode(code: string, clientKey: string, redirectUri: string): Redeemed {
    const record = this.codes.get(code);
    if (!record) return { ok: false, description: "Authorization code is invalid or has already been used." };
    this.retire(this.codes, code);
    if (record.expiresAtMs <= this.now()) return { ok: false, description: "Authorization code is expired." };
    if (record.clientKey !== clientKey)
      return { ok: false, description: "Authorization code was issued to another client." };
    if (record.redirectUri !== redirectUri) {
      return { ok: false, description: "redirect_uri does not match the one used in the authorization request." };
    }
    return { ok: true, tokens: this.issueTokens(record) };
  }

  /** Rotates: the old refresh token is deleted before the new pair is returned. */
  refreshTokens(refreshToken: string, clientKey: string): Redeemed {
    const record = this.refresh.get(refreshToken);
    if (!record) return { ok: false, description: "Refresh token is invalid, revoked or has already been used." };
    if (record.expiresAtMs <= this.now()) {
      this.retire(this.refresh, refreshToken);
      return { ok: false, description: "Refresh token is expired." };
    }
    if (record.clientKey !== clientKey)
      return { ok: false, description: "Refresh token was issued to another client." };
    this.retire(this.refresh, refreshToken);
    return { ok: true, tokens: this.issueTokens(record) };
  }

  checkAccess(token: string): AccessCheck {
    const record = this.access.get(token);
    if (!record) return { ok: false, reason: "unknown" };
    if (record.expiresAtMs <= this.now()) return { ok: false, reason: "expired" };
    return { ok: true, grant: record };
  }

  /**
   * Ends a user's authorization of the app: every access token, refresh token and pending code
   * of that open_id. Revoking one access token does the same on TikTok (the app leaves the
   * user's connected apps). Returns how many credentials went away.
   */
  revokeUser(openId: string): number {
    let removed = 0;
    for (const map of [this.codes, this.access, this.refresh] as Map<string, Grant>[]) {
      for (const [token, record] of map) {
        if (record.openId === openId) {
          this.retire(map, token);
          removed += 1;
        }
      }
    }
    return removed;
  }

  /**
   * The user's live credentials: what TikTok would list as the app's authorisation in the
   * creator's connected apps. All zero once the app's access was revoked.
   */
  /** The creator whose access token was issued last (the one the simulator's events default to). */
  latestOpenId(): string | undefined {
    let latest: Expiring | undefined;
    for (const record of this.access.values()) {
      if (!latest || record.expiresAtMs >= latest.expiresAtMs) latest = record;
    }
    return latest?.openId;
  }

  liveGrants(openId: string): { codes: number; access: number; refresh: number } {
    const now = this.now();
    const live = (map: Map<string, Expiring>) =>
      [...map.values()].filter((r) => r.openId === openId && r.expiresAtMs > now).length;
    return { codes: live(this.codes), access: live(this.access), refresh: live(this.refresh) };
  }

  clear(): void {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
    this.retired.clear();
  }

  private retire(map: Map<string, Grant>, token: string): void {
    const record = map.get(token);
    if (!record) return;
    map.delete(token);
    const { clientKey, openId, index, scopes } = record;
    this.retired.set(token, { clientKey, openId, index, scopes, retiredAtMs: this.now() });
    this.onChange();
  }

  private issueTokens(grant: Grant): TokenResponse {
    const { clientKey, openId, index, scopes } = grant;
    const now = this.now();
    const accessToken = opaque("act.");
    const refreshToken = opaque("rft.");
    const expiringIn = (ttlSec: number) => ({ clientKey, openId, index, scopes, expiresAtMs: now + ttlSec * 1000 });
    this.access.set(accessToken, expiringIn(this.lifetimes.accessTokenTtlSec));
    this.refresh.set(refreshToken, expiringIn(this.lifetimes.refreshTokenTtlSec));
    this.onChange();
    return {
      access_token: accessToken,

      expires_in: this.lifetimes.accessTokenTtlSec,
      open_id: openId,
      refresh_token: refreshToken,
      refresh_expires_in: this.lifetimes.refreshTokenTtlSec,
      scope: scopeString(scopes),
      token_type: "Bearer",
    };
  }

  /**
   * Drops credentials that expired or were retired more than a day ago (by the simulator clock),
   * so a long-running `npm run dev` stays small. Recent ones are kept, which lets calls with
   * them still be attributed to their account in the call counters.
   */
  private sweep(): void {
    const cutoff = this.now() - 86_400_000;
    for (const map of [this.codes, this.access, this.refresh] as Map<string, Expiring>[]) {
      for (const [token, record] of map) if (record.expiresAtMs < cutoff) map.delete(token);
    }
    for (const [token, record] of this.retired) if (record.retiredAtMs < cutoff) this.retired.delete(token);
  }
}
