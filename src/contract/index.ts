/**
 * The API's one contract: every wire shape as a zod schema (for the routes, their OpenAPI
 * document and the tests that hold the routes to it) and, under the same name, its type. The
 * dashboard imports types from here with `import type` (no zod reaches its bundle) and runtime
 * values only from `./constants`, which is free of zod.
 */
export * from "./accounts";
export * from "./acks";
export * from "./alerts";
export * from "./analytics";
export * from "./coach";
export * from "./constants";
export * from "./errors";
export * from "./health";
export * from "./ids";
export * from "./insights";
export * from "./me";
export * from "./screens";
export * from "./videos";
export * from "./watch";
