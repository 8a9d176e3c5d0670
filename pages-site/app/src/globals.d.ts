/** The API worker's origin, compiled in per environment by tools/dashboard/build.ts. */
declare const ADAM_API_ORIGIN: string;

/** CSS imported for its side effect: esbuild bundles it into build/app.css. */
declare module "*.css";
