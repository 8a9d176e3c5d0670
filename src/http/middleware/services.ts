import { createMiddleware } from "hono/factory";
import { createTiktokDb, createUsersDb, type TiktokDb, type UsersDb } from "../../db/client";
import { loadConfig, type Config } from "../../env";
import { createTikTokClient, type TikTokClient } from "../../tiktok/client";
import { createTokenVault, type TokenVault } from "../../connections/token-vault";
import type { AppEnv } from "../types";

/** The clients a request may use, built on first use so a cache hit builds none. */
export interface Services {
  readonly db: TiktokDb;
  readonly usersDb: UsersDb;
  readonly tiktok: TikTokClient;
  readonly vault: TokenVault;
}

/** An API request gets this long with the database before it answers 503 instead of hanging. */
export const API_DB_TIMEOUT_MS = 10_000;

export function createServices(config: Config): Services {
  let db: TiktokDb | undefined;
  let usersDb: UsersDb | undefined;
  let tiktok: TikTokClient | undefined;
  let vault: TokenVault | undefined;
  return {
    get db() {
      return (db ??= createTiktokDb(config, { timeoutMs: API_DB_TIMEOUT_MS }));
    },
    get usersDb() {
      return (usersDb ??= createUsersDb(config, { timeoutMs: API_DB_TIMEOUT_MS }));
    },
    get tiktok() {
      return (tiktok ??= createTikTokClient(config.tiktok));
    },
    get vault() {
      return (vault ??= createTokenVault(config.tokenKeys));
    },
  };
}

export const services = createMiddleware<AppEnv>(async function services(c, next) {
  const config = loadConfig(c.env);
  c.set("config", config);
  c.set("services", createServices(config));
  await next();
});
