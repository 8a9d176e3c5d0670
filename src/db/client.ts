import { neon, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-http";
import type { Config } from "../env";
import * as identity from "./schema/identity";
import * as tiktok from "./schema/tiktok";

/**
 * Database clients, built per request or per job: `neon()` holds no connection (every query is
 * one HTTPS POST), so building one costs nothing and nothing leaks between requests.
 */
export interface DatabaseOptions {
  /** Abort a statement (one HTTP request) that has not answered within this long. */
  timeoutMs?: number;
}

function httpClient(url: string, config: Config, options: DatabaseOptions) {
  // Global by the driver's design; every client of this isolate shares one config, so one value.
  if (config.neonHttpEndpoint) {
    const endpoint = config.neonHttpEndpoint;
    neonConfig.fetchEndpoint = () => endpoint;
  }
  // A getter: the driver spreads these options into every request, so each statement gets a
  // fresh deadline (one signal made here would expire for the client's whole life).
  const timeoutMs = options.timeoutMs;
  const fetchOptions = timeoutMs
    ? {
        get signal() {
          return AbortSignal.timeout(timeoutMs);
        },
      }
    : undefined;
  return neon(url, { fetchOptions });
}

export function createTiktokDb(config: Config, options: DatabaseOptions = {}) {
  return drizzle({ client: httpClient(config.databaseUrl, config, options), schema: tiktok });
}

export function createUsersDb(config: Config, options: DatabaseOptions = {}) {
  return drizzle({ client: httpClient(config.usersDatabaseUrl, config, options), schema: identity });
}

export type TiktokDb = ReturnType<typeof createTiktokDb>;
export type UsersDb = ReturnType<typeof createUsersDb>;
