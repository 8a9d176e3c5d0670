import type { AccessClaims } from "../auth/jwt";
import type { Config } from "../env";
import type { Services } from "./middleware/services";

/** Hono's environment for this app: the bindings, and what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    config: Config;
    services: Services;
    /** Set by `requireUser` from the verified access token. */
    user: AccessClaims;
  };
}
