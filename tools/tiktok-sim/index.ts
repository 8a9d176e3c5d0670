/** The TikTok simulator's public surface for Node callers (`npm run dev`, tests, seeding scripts). */
export { startSimulator, type Simulator, type SimulatorOptions } from "./server.ts";
export type { ClockOptions } from "./clock.ts";
export type { CallCounts, CallKey } from "./calls.ts";
export type { Endpoint } from "./endpoints.ts";
export { FAULT_KINDS, type Fault, type FaultKind, type FaultSpec } from "./faults.ts";
export type { TokenResponse } from "./tokens.ts";
export { signWebhook, type AuthorizationRemovedInput, type DeliveryOutcome } from "./webhook.ts";
