import type { Context } from "hono";
import type { AppEnv } from "../../types";

/**
 * A route's body and whether the edge cache may keep it. A part is the plain function behind one
 * granular route's answer (read, 404, present), shared by that route and the screens that hold it.
 */
export interface Part<T> {
  body: T;
  /** False for an answer that must show a change at once (`cache-control: no-store`). */
  store: boolean;
}

/** The 200 of a part; `no-store` keeps it out of the edge cache. */
export function answer<T>(c: Context<AppEnv>, part: Part<T>) {
  if (!part.store) c.header("cache-control", "no-store");
  return c.json(part.body, 200);
}
