import type { CreatorResult } from "../collect.ts";
export async function writeStrongestAlertPlots(world: string, results: readonly CreatorResult[]): Promise<string> {
  void results;
  return world;
}
