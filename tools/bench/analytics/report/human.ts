/**
 * The human report: one table per section, one column per world, the worst world last. World
 * names are abbreviated in headers when the full names would not fit in 120 columns; the legend
 * says which is which and what part of each world was replayed.
 */
import type { AlertScore, ForecastRow, WorldScore } from "../score/index.ts";
import { CONFIDENCE_BANDS } from "../score/alerts.ts";
import { shareOf } from "../stats.ts";
import type { Fraction } from "../stats.ts";
import { NONE, renderTables } from "./table.ts";
import type { Cell, Row, Section } from "./table.ts";

export interface ReportedWorld {
  name: string;
  /** What was replayed, e.g. "seed 2, 150 creators × 28 days" or "held-out half, 71 creators". */
  part: string;
  description: string;
  score: WorldScore;
}

const MAX_WIDTH = 120;

const pct = (f: Fraction): Cell => {
  const v = shareOf(f);
  return v === null ? NONE : { text: `${(100 * v).toFixed(1)}% (${f.of})`, value: v };
};
const fixed = (v: number | null, digits: number, suffix = ""): Cell =>
  v === null ? NONE : { text: `${v.toFixed(digits)}${suffix}`, value: v };
const count = (n: number): Cell => ({ text: n.toLocaleString("en"), value: n });

/** "24h", "1h" → "24 h", "1 h". */
const spaced = (x: string) => x.replace(/(\d)([hd])$/, "$1 $2");

function forecastRows(pickCell: (f: ForecastRow) => Cell, worse: Row<WorldScore>["worse"]): Row<WorldScore>[] {
  const template = [
    ["24h", ["1h", "3h", "6h", "12h", "all"]],
    ["7d", ["6h", "24h", "72h", "all"]],
  ] as const;
  return template.flatMap(([target, froms]) =>
    froms.map((from) => ({
      label: from === "all" ? `${spaced(target)}, all ages` : `${spaced(target)} from ${spaced(from)}`,
      cell: (s: WorldScore) => {
        const f = s.forecasts.find((r) => r.target === target && r.from === from);
        return f ? pickCell(f) : NONE;
      },
      worse,
    })),
  );
}

function alertRows(label: string, pick: (s: WorldScore) => AlertScore): Row<WorldScore>[] {
  return [
    { label: `${label}: recall`, cell: (s) => pct(pick(s).recall), worse: "lower" },
    { label: `${label}: precision`, cell: (s) => pct(pick(s).precision), worse: "lower" },
    {
      label: `${label}: alerts per creator-week`,
      cell: (s) => {
        const a = pick(s);
        return a.alertsPerCreatorWeek === null
          ? NONE
          : { text: `${a.alertsPerCreatorWeek.toFixed(2)} (${a.alerts})`, value: a.alertsPerCreatorWeek };
      },
      worse: "higher",
    },
  ];
}

function sections(): Section<WorldScore>[] {
  return [
    {
      title:
        "Forecasts: Adam's median |ln error| ÷ the best baseline's (below 1 beats the market); (n) with known truth",
      rows: [
        ...forecastRows(
          (f) => (f.ratio === null ? NONE : { text: `${f.ratio.toFixed(2)} (${f.n})`, value: f.ratio }),
          "higher",
        ),
        ...(["24h", "7d"] as const).map((target) => ({
          label: `${spaced(target)}: forecasts of unknown truth`,
          cell: (s: WorldScore) =>
            count(s.forecasts.find((r) => r.target === target && r.from === "all")?.unknown ?? 0),
        })),
      ],
    },
    {
      title: "Forecasts: median |ln error|, Adam / best baseline",
      rows: forecastRows(
        (f) =>
          f.adam === null || f.bestBaseline === null
            ? NONE
            : { text: `${f.adam.toFixed(3)}/${f.bestBaseline.toFixed(3)}`, value: f.adam },
        "higher",
      ),
    },
    {
      title: "Forecasts: P10–P90 coverage (80% is right)",
      rows: forecastRows(
        (f) => (f.coverage === null ? NONE : { text: `${(100 * f.coverage).toFixed(1)}%`, value: f.coverage }),
        "far-from-80%",
      ),
    },
    {
      title:
        "Spikes and drops in views: found from the event's start to 12 h after its end; (n) = events, judged alerts",
      rows: [
        ...alertRows("spikes", (s) => s.alerts.spikes),
        { label: "spikes: recall, fresh videos", cell: (s) => pct(s.alerts.spikes.recallFresh), worse: "lower" },
        {
          label: "spikes: recall, old videos resurfacing",
          cell: (s) => pct(s.alerts.spikes.recallResurfacing),
          worse: "lower",
        },
        ...alertRows("drops", (s) => s.alerts.drops),
        { label: "market 2×-median rule: spike recall", cell: (s) => pct(s.alerts.market.recall), worse: "lower" },
        { label: "market 2×-median rule: precision", cell: (s) => pct(s.alerts.market.precision), worse: "lower" },
        {
          label: "alerts on videos of unknown truth",
          cell: (s) => count(s.alerts.spikes.unknownAlerts + s.alerts.drops.unknownAlerts),
        },
        {
          label: "videos of unknown truth",
          cell: (s) => ({
            text: `${s.alerts.unknownVideos.toLocaleString("en")} of ${s.alerts.videos.toLocaleString("en")}`,
            value: s.alerts.unknownVideos,
          }),
        },
      ],
    },
    {
      title: "View alerts (spikes and drops) by confidence: precision (n judged); alerts per creator-week",
      rows: CONFIDENCE_BANDS.flatMap((min, i): Row<WorldScore>[] => {
        const band = (s: WorldScore) => s.alerts.byConfidence[i] as WorldScore["alerts"]["byConfidence"][number];
        const label = min === 0 ? "all alerts" : `confidence ≥ ${min}`;
        return [
          { label: `${label}: precision`, cell: (s) => pct(band(s).precision), worse: "lower" },
          {
            label: `${label}: per creator-week`,
            cell: (s) => fixed(band(s).alertsPerCreatorWeek, 2),
            worse: "higher",
          },
        ];
      }),
    },
    {
      title: "Follower jumps: alert within 48 h; credited to the causing video; (n) = jumps, found, judged alerts",
      rows: [
        { label: "recall", cell: (s) => pct(s.followers.recall), worse: "lower" },
        { label: "recall, jumps of 100+ followers", cell: (s) => pct(s.followers.recallLarge), worse: "lower" },
        { label: "right video credited (attribution)", cell: (s) => pct(s.followers.attribution), worse: "lower" },
        { label: "follower alert precision", cell: (s) => pct(s.followers.precision), worse: "lower" },
        {
          label: "follower alerts per creator-week",
          cell: (s) => fixed(s.followers.alertsPerCreatorWeek, 2),
          worse: "higher",
        },
        { label: "creators of unknown truth", cell: (s) => count(s.followers.unknownCreators) },
      ],
    },
    {
      title: "Breakout posts flagged within 7 days of posting (where the data marks breakouts)",
      rows: (["adam", "market"] as const).flatMap((who): Row<WorldScore>[] => {
        const name = who === "adam" ? "Adam fast-start card" : "market 2×-median rule";
        return [
          {
            label: `${name}: recall`,
            cell: (s) => (s.breakouts ? pct(s.breakouts[who].recall) : NONE),
            worse: "lower",
          },
          {
            label: `${name}: median hours`,
            cell: (s) => fixed(s.breakouts?.[who].medianHours ?? null, 1, " h"),
            worse: "higher",
          },
          {
            label: `${name}: other posts flagged`,
            cell: (s) => (s.breakouts ? pct(s.breakouts[who].otherPostsFlagged) : NONE),
            worse: "higher",
          },
        ];
      }),
    },
    {
      title: "Follower projection 90 days ahead, from days 14/21/28: median |ln error|, Adam / compound rate",
      rows: [
        {
          label: "Adam / compound rate (n)",
          cell: (s) => {
            const p = s.projection;
            return p && p.adam !== null && p.compound !== null
              ? { text: `${p.adam.toFixed(3)}/${p.compound.toFixed(3)} (${p.n})`, value: p.adam }
              : NONE;
          },
          worse: "higher",
        },
        {
          label: "Adam P10–P90 coverage",
          cell: (s) => {
            const c = s.projection?.coverage ?? null;
            return c === null ? NONE : { text: `${(100 * c).toFixed(1)}%`, value: c };
          },
          worse: "far-from-80%",
        },
      ],
    },
    {
      title: "analyzeAccount per run, ms (one account's job)",
      rows: [
        { label: "p50", cell: (s) => fixed(s.cpu.p50, 2), worse: "higher" },
        { label: "p95", cell: (s) => fixed(s.cpu.p95, 2), worse: "higher" },
        { label: "max", cell: (s) => fixed(s.cpu.max, 1), worse: "higher" },
        { label: "runs", cell: (s) => count(s.cpu.runs) },
        { label: "creators", cell: (s) => count(s.creators) },
        { label: "creator-days replayed", cell: (s) => count(Math.round(s.creatorDays)) },
      ],
    },
  ];
}

/** Short header tags: the name's first word (with any @seed), made unique. */
export function tagsOf(names: readonly string[]): string[] {
  const tags: string[] = [];
  for (const name of names) {
    const [base = name, seed] = name.split("@");
    let tag = (base.split("-")[0] ?? base).slice(0, 8) + (seed ? `@${seed}` : "");
    for (let k = 2; tags.includes(tag); k++) tag = `${tag.replace(/\d+$/, "")}${k}`;
    tags.push(tag);
  }
  return tags;
}

export function humanReport(worlds: readonly ReportedWorld[]): string {
  const render = (tags: readonly string[]) =>
    renderTables(
      sections(),
      worlds.map((w, i) => ({ tag: tags[i] as string, score: w.score })),
    );
  let tables = render(worlds.map((w) => w.name));
  const short = tables.some((t) => t.split("\n").some((l, i) => i > 0 && l.length > MAX_WIDTH));
  const tags = short ? tagsOf(worlds.map((w) => w.name)) : worlds.map((w) => w.name);
  if (short) tables = render(tags);
  const legend = worlds.map(
    (w, i) => `  ${tags[i] === w.name ? w.name : `${tags[i]} = ${w.name}`} (${w.part}): ${w.description}`,
  );
  return [
    ["Worlds", ...legend].join("\n"),
    "Cells: value (n counted); – = no truth in this world for the figure (left out, counted where it says so).",
    ...tables,
  ].join("\n\n");
}
