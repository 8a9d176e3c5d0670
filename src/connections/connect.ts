import { sha256Hex, randomBytes, toBase64Url } from "../lib/crypto";
import type { TiktokDb, UsersDb } from "../db/client";
import { upsertConnectedAccount } from "../db/queries/connect";
import { claimAccount, consumeOAuthState, saveOAuthState } from "../db/queries/users";
import type { Config } from "../env";
import { snapshotMessage, slotOf, type SnapshotMessage } from "../ingest/messages";
import { log } from "../log";
import { authorizeUrl } from "../tiktok/authorize-url";
import type { TikTokClient } from "../tiktok/client";
import { TikTokError } from "../tiktok/errors";
import { profileOf } from "../tiktok/profile";
import { missingScopes, parseScopes } from "../tiktok/scopes";
import type { TokenVault } from "./token-vault";
import { sealTokens } from "./credentials";

/**
 * Connecting a TikTok account (Login Kit for Web). The `state` is 256 random bits, stored only
 * as a hash bound to the user, valid for 10 minutes and deleted when used; the same value rides
 * in an httpOnly cookie so only the browser that started the flow can finish it (otherwise an
 * attacker could make a victim's consent land in the attacker's Adam account).
 */
export const STATE_TTL_SECONDS = 600;
/** `__Host-` as the refresh cookie (src/auth/refresh-tokens.ts): this host only, Path=/. */
export const STATE_COOKIE = "__Host-adam_oauth_state";
export const STATE_COOKIE_PATH = "/";

export async function startConnect(
  db: UsersDb,
  config: Config,
  userId: string,
): Promise<{ url: string; state: string }> {
  const state = toBase64Url(randomBytes(32));
  await saveOAuthState(db, await sha256Hex(state), userId, STATE_TTL_SECONDS);
  return {
    state,
    url: authorizeUrl({
      authBase: config.tiktok.authBase,
      clientKey: config.tiktok.clientKey,
      scopes: config.tiktok.scopes,
      redirectUri: config.tiktok.redirectUri,
      state,
    }),
  };
}

/** Why a connection did not happen; the dashboard shows a message for each. */
export type ConnectFailure =
  "access_denied" | "invalid_state" | "expired_state" | "code_rejected" | "tiktok_unavailable";

export class ConnectError extends Error {
  constructor(
    readonly failure: ConnectFailure,
    detail: string,
  ) {
    super(detail);
  }
}

export interface CallbackDeps {
  usersDb: UsersDb;
  tiktokDb: TiktokDb;
  client: TikTokClient;
  vault: TokenVault;
  config: Config;
  queue: Queue;
  now: number;
}

export interface CallbackInput {
  code?: string;
  state?: string;
  error?: string;
  scopes?: string;
  /** The state cookie of the browser that is finishing the flow. */
  cookieState?: string;
}

/** Finishes the flow: nothing is stored unless every check passes and TikTok accepts the code. */
export async function finishConnect(
  deps: CallbackDeps,
  input: CallbackInput,
): Promise<{ accountId: string; userId: string }> {
  if (!input.state || !/^[\w-]{43}$/.test(input.state))
    throw new ConnectError("invalid_state", "missing or malformed state");
  if (input.cookieState !== input.state)
    throw new ConnectError("invalid_state", "state does not belong to this browser");
  // Consumed before anything else, the denial included: a state works once, whatever happens next.
  const owner = await consumeOAuthState(deps.usersDb, await sha256Hex(input.state));
  if (!owner) throw new ConnectError("invalid_state", "unknown or already used state");
  if (owner.purpose !== "connect") throw new ConnectError("invalid_state", "state made for another flow");
  if (owner.expired) throw new ConnectError("expired_state", "state expired");
  if (input.error) throw new ConnectError("access_denied", `TikTok answered ${input.error}`);
  if (!input.code) throw new ConnectError("code_rejected", "no code");

  let tokens;
  let user;
  try {
    tokens = await deps.client.exchangeCode(input.code, deps.config.tiktok.redirectUri);
    ({ user } = await deps.client.userInfo(tokens.access_token, parseScopes(tokens.scope)));
  } catch (error) {
    if (error instanceof TikTokError && !error.retryable) throw new ConnectError("code_rejected", error.message);
    throw new ConnectError("tiktok_unavailable", (error as Error).message);
  }

  const scopes = parseScopes(tokens.scope);
  const missing = missingScopes(scopes);
  const accountId = await upsertConnectedAccount(
    deps.tiktokDb,
    {
      openId: tokens.open_id,
      unionId: user.union_id ?? null,
      ...profileOf(user),
      grantedScopes: scopes,
      status: missing.length ? "missing_scopes" : "active",
      statusReason: missing.length ? `not granted: ${missing.join(", ")}` : null,
    },
    await sealTokens(deps.vault, tokens.open_id, tokens, deps.now),
  );
  // TikTok's consent is the authority: the account moves to this user, whoever held it before.
  const previous = await claimAccount(deps.usersDb, owner.userId, accountId);
  if (previous) log("info", "tiktok_account_moved", { accountId, from: previous, to: owner.userId });
  if (!missing.length) {
    const message: SnapshotMessage = snapshotMessage(accountId, slotOf(deps.now), "connect");
    await deps.queue.send(message);
  }
  log("info", "tiktok_connected", { accountId, userId: owner.userId, missingScopes: missing });
  return { accountId, userId: owner.userId };
}
