/** Starts the Node origin that the mount worker fetches from in its tests. */
import type { TestProject } from "vitest/node";
import { startOrigin } from "./origin/server";

declare module "vitest" {
  export interface ProvidedContext {
    mountOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  const origin = await startOrigin();
  project.provide("mountOrigin", origin.url);
  return () => origin.close();
}
