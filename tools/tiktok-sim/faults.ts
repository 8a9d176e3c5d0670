/**
 * Faults on demand: rules that make the next N calls (or every call until cleared) fail in a
 * chosen way, for one account (open_id) or all of them, on one endpoint or all of them.
 * The rules live here; api-pipeline.ts turns a matched rule into an answer.
 */
import { BUSINESS_DATA_ENDPOINTS, ENDPOINT_NAMES, isDisplayEndpoint, type Endpoint } from "./endpoints.ts";

export const FAULT_KINDS = [
  "rate_limit",
  "server_error",
  "slow",
  "timeout",
  "access_token_invalid",
  "scope_not_authorized",
  "invalid_grant",
  "malformed_json",
  "sparse",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** `"global"` (default) or one account's open_id. */
  scope?: string;
  /** One endpoint or `"*"` (default): every endpoint the kind makes sense on. */
  endpoint?: Endpoint | "*";
  kind: FaultKind;
  /** Fire for this many matching calls, then disappear. Default: until cleared. */
  count?: number;
  /** `slow`: extra latency (default 3000 ms). `timeout`: how long to hold the socket before dropping it (default: until the client or the simulator gives up). */
  delayMs?: number;
}

export interface Fault {
  id: string;
  scope: string;
  endpoint: Endpoint | "*";
  kind: FaultKind;
  /** Calls left; undefined = until cleared. */
  remaining?: number;
  delayMs?: number;
}

export const DEFAULT_SLOW_MS = 3000;

/**
 * Which endpoints a kind can apply to: token errors only on the token endpoints, access-token
 * errors only where an access token is presented (the Display API, the Accounts API's data
 * endpoints), `sparse` (answer as for a personal account under 100 followers with inactive
 * videos: the optional fields left out) only on the Accounts API's data endpoints.
 */
export function faultApplies(kind: FaultKind, endpoint: Endpoint): boolean {
  if (kind === "access_token_invalid" || kind === "scope_not_authorized")
    return isDisplayEndpoint(endpoint) || BUSINESS_DATA_ENDPOINTS.includes(endpoint);
  if (kind === "invalid_grant")
    return endpoint === "token" || endpoint === "business_token" || endpoint === "business_refresh";
  if (kind === "sparse") return BUSINESS_DATA_ENDPOINTS.includes(endpoint);
  return true;
}

export class FaultSpecError extends Error {}

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): string {
    const fault = validate(spec, `f${this.nextId}`);
    this.nextId += 1;
    this.faults.push(fault);
    return fault.id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Consumes the rules matching one call, in creation order: every `slow` rule adds its delay,
   * and the first other rule decides the outcome. Each rule that fires uses up one of its count.
   */
  take(endpoint: Endpoint, openId: string | undefined): { delayMs: number; fault?: Fault } {
    let delayMs = 0;
    let decisive: Fault | undefined;
    for (const fault of this.faults) {
      if (!this.matches(fault, endpoint, openId)) continue;
      if (fault.kind === "slow") delayMs += fault.delayMs ?? DEFAULT_SLOW_MS;
      else if (decisive) continue;
      else decisive = fault;
      if (fault.remaining !== undefined) fault.remaining -= 1;
    }
    this.faults = this.faults.filter((f) => f.remaining === undefined || f.remaining > 0);
    return decisive ? { delayMs, fault: { ...decisive } } : { delayMs };
  }

  private matches(fault: Fault, endpoint: Endpoint, openId: string | undefined): boolean {
    if (fault.endpoint !== "*" && fault.endpoint !== endpoint) return false;
    if (fault.scope !== "global" && fault.scope !== openId) return false;
    return faultApplies(fault.kind, endpoint);
  }
}

function validate(spec: FaultSpec, id: string): Fault {
  if (typeof spec !== "object" || spec === null) throw new FaultSpecError("a fault is a JSON object");
  if (!FAULT_KINDS.includes(spec.kind)) {
    throw new FaultSpecError(`kind must be one of ${FAULT_KINDS.join(", ")}`);
  }
  const scope = spec.scope ?? "global";
  if (typeof scope !== "string" || scope === "") throw new FaultSpecError('scope must be "global" or an open_id');
  const endpoint = spec.endpoint ?? "*";
  if (endpoint !== "*" && !ENDPOINT_NAMES.includes(endpoint)) {
    throw new FaultSpecError(`endpoint must be "*" or one of ${ENDPOINT_NAMES.join(", ")}`);
  }
  if (endpoint !== "*" && !faultApplies(spec.kind, endpoint)) {
    throw new FaultSpecError(`${spec.kind} cannot happen on ${endpoint}`);
  }
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0)) {
    throw new FaultSpecError("count must be a positive integer");
  }
  if (spec.delayMs !== undefined && !(Number.isFinite(spec.delayMs) && spec.delayMs >= 0)) {
    throw new FaultSpecError("delayMs must be a non-negative number of milliseconds");
  }
  const fault: Fault = { id, scope, endpoint, kind: spec.kind };
  if (spec.count !== undefined) fault.remaining = spec.count;
  if (spec.delayMs !== undefined) fault.delayMs = spec.delayMs;
  return fault;
}
