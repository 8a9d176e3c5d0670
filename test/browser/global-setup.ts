/** One local stack for every browser test file: Pages on a free port, the mount worker before it. */
import type { TestProject } from "vitest/node";
import { startPages, startWorker } from "./servers";

declare module "vitest" {
  export interface ProvidedContext {
    pagesUrl: string;
    mountUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const pages = await startPages();
  try {
    const mount = await startWorker(pages.url);
    project.provide("pagesUrl", pages.url);
    project.provide("mountUrl", mount.url);
    return async () => {
      await mount.stop();
      await pages.stop();
    };
  } catch (error) {
    await pages.stop();
    throw error;
  }
}
