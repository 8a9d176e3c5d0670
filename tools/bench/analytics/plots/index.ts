/**
 * `--plots`: for a recorded world, docs/analytics/<world>-strongest-alerts.png, the ten strongest
 * view alerts of the run as small multiples, to see what Adam calls a spike on real curves.
 */
import { join } from "node:path";
import { REPO_ROOT } from "../../worlds/index.ts";
import type { CreatorResult } from "../collect.ts";
import { writePng } from "./png.ts";
import { strongestAlerts } from "./strongest.ts";
import { alertsSvg } from "./svg.ts";

export async function writeStrongestAlertPlots(
  world: string,
  part: string,
  results: readonly CreatorResult[],
): Promise<string> {
  const panels = strongestAlerts(results, 10);
  const alerts = results.reduce((n, r) => n + r.detections.filter((d) => d.metric === "views").length, 0);
  const title =
    alerts === 0
      ? `${world}: no view alert`
      : panels.length < alerts
        ? `${world}: the ${panels.length} strongest of ${alerts} view alerts`
        : `${world}: all ${alerts} view alert${alerts === 1 ? "" : "s"}`;
  const { svg, width, height } = alertsSvg(title, `${part}; strongest = highest confidence, then |score|`, panels);
  const path = join(REPO_ROOT, "docs", "analytics", `${world}-strongest-alerts.png`);
  await writePng(svg, width, height, path);
  return path;
}
