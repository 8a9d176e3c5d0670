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
  /** What was replayed, e.g. "seed 2, 150 creators × 28 days" or "held-out half, 71 of 143 creators". */
  part: string;
  description: string;
  score: WorldScore;
}

const MAX_WIDTH = 120;
const TAG_LENGTH = 7;

const compact = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n));
/** A share and what it counted: "91.4% (70)"; the worst column shows the share alone. */
const pct = (f: Fraction): Cell => {
  const v = shareOf(f);
  if (v === null) return NONE;
  const short = `${(100 * v).toFixed(1)}%`;
  return { text: `${short} (${compact(f.of)})`, short, value: v };
};
const fixed = (v: number | null, digits: number, suffix = ""): Cell =>
  v === null ? NONE : { text: `${v.toFixed(digits)}${suffix}`, value: v };
const count = (n: number): Cell => ({ text: n.toLocaleString("en"), value: n });
const perWeek = (rate: number | null, n: number): Cell =>
  rate === null ? NONE : { text: `${rate.toFixed(2)} (${compact(n)})`, short: rate.toFixed(2), value: rate };

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

function alertRows(pick: (s: WorldScore) => AlertScore): Row<WorldScore>[] {
  return [
    { label: "recall", cell: (s) => pct(pick(s).recall), worse: "lower" },
    { label: "precision", cell: (s) => pct(pick(s).precision), worse: "lower" },
    {
      label: "alerts/creator-week",
      cell: (s) => perWeek(pick(s).alertsPerCreatorWeek, pick(s).alerts),
      worse: "higher",
    },
    { label: "alerts, unknown truth", cell: (s) => count(pick(s).unknownAlerts) },
  ];
}

function sections(): Section<WorldScore>[] {
  return [
    {
      title: "Forecasts: Adam's median |ln error| ÷ the best baseline's (below 1 beats the market) (n of known truth)",
      rows: [
        ...forecastRows(
          (f) =>
            f.ratio === null
              ? NONE
              : { text: `${f.ratio.toFixed(2)} (${compact(f.n)})`, short: f.ratio.toFixed(2), value: f.ratio },
          "higher",
        ),
        ...(["24h", "7d"] as const).map((target) => ({
          label: `${spaced(target)}: unknown truth`,
          cell: (s: WorldScore) =>
            count(s.forecasts.find((r) => r.target === target && r.from === "all")?.unknown ?? 0),
        })),
      ],
    },
    {
      title: "Forecasts: median |ln error|, Adam/best baseline",
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
      title: "Spikes in views: alert from the event's start to 12 h after its end (n: events; judged alerts; alerts)",
      rows: [
        ...alertRows((s) => s.alerts.spikes),
        { label: "recall, fresh videos", cell: (s) => pct(s.alerts.spikes.recallFresh), worse: "lower" },
        { label: "recall, resurfacing", cell: (s) => pct(s.alerts.spikes.recallResurfacing), worse: "lower" },
        { label: "2×-median rule: recall", cell: (s) => pct(s.alerts.market.recall), worse: "lower" },
        { label: "2×-median: precision", cell: (s) => pct(s.alerts.market.precision), worse: "lower" },
        {
          label: "videos, unknown truth",
          cell: (s) => ({ text: `${compact(s.alerts.unknownVideos)}/${compact(s.alerts.videos)}`, value: null }),
        },
      ],
    },
    { title: "Drops in views (same rules)", rows: alertRows((s) => s.alerts.drops) },
    {
      title: "View alerts (spikes and drops) by confidence: precision (n judged); alerts per creator-week",
      rows: CONFIDENCE_BANDS.flatMap((min, i): Row<WorldScore>[] => {
        const band = (s: WorldScore) => s.alerts.byConfidence[i] as WorldScore["alerts"]["byConfidence"][number];
        const label = min === 0 ? "all" : `≥ ${min}`;
        return [
          { label: `${label}: precision`, cell: (s) => pct(band(s).precision), worse: "lower" },
          { label: `${label}: per week`, cell: (s) => fixed(band(s).alertsPerCreatorWeek, 2), worse: "higher" },
        ];
      }),
    },
    {
      title: "Follower jumps: an alert within 48 h, crediting the causing video first (n: jumps; found; judged)",
      rows: [
        { label: "recall", cell: (s) => pct(s.followers.recall), worse: "lower" },
        { label: "recall, 100+ followers", cell: (s) => pct(s.followers.recallLarge), worse: "lower" },
        { label: "attribution", cell: (s) => pct(s.followers.attribution), worse: "lower" },
        { label: "alert precision", cell: (s) => pct(s.followers.precision), worse: "lower" },
        {
          label: "alerts/creator-week",
          cell: (s) => perWeek(s.followers.alertsPerCreatorWeek, s.followers.alerts),
          worse: "higher",
        },
        { label: "creators, unknown", cell: (s) => count(s.followers.unknownCreators) },
      ],
    },
    {
      title: "Breakout posts flagged within 7 days of posting, where the data marks breakouts (n: breakouts; others)",
      rows: (["adam", "market"] as const).flatMap((who): Row<WorldScore>[] => {
        const name = who === "adam" ? "fast-start card" : "2×-median rule";
        return [
          {
            label: `${name}: recall`,
            cell: (s) => (s.breakouts ? pct(s.breakouts[who].recall) : NONE),
            worse: "lower",
          },
          {
            label: `${name}: median`,
            cell: (s) => fixed(s.breakouts?.[who].medianHours ?? null, 1, " h"),
            worse: "higher",
          },
          {
            label: `${name}: others`,
            cell: (s) => (s.breakouts ? pct(s.breakouts[who].otherPostsFlagged) : NONE),
            worse: "higher",
          },
        ];
      }),
    },
    {
      title: "Follower projection 90 days ahead, made on days 14/21/28: median |ln error|",
      rows: [
        {
          label: "Adam/compound rate",
          cell: (s) => {
            const p = s.projection;
            return p && p.adam !== null && p.compound !== null
              ? { text: `${p.adam.toFixed(3)}/${p.compound.toFixed(3)}`, value: p.adam }
              : NONE;
          },
          worse: "higher",
        },
        {
          label: "P10–P90 coverage",
          cell: (s) =>
            s.projection
              ? { text: `${(100 * s.projection.coverage).toFixed(1)}%`, value: s.projection.coverage }
              : NONE,
          worse: "far-from-80%",
        },
        { label: "projections", cell: (s) => count(s.projection?.n ?? 0) },
      ],
    },
    {
      title: "analyzeAccount per run (one account's job), ms",
      rows: [
        { label: "p50", cell: (s) => fixed(s.cpu.p50, 2), worse: "higher" },
        { label: "p95", cell: (s) => fixed(s.cpu.p95, 2), worse: "higher" },
        { label: "max", cell: (s) => fixed(s.cpu.max, 1), worse: "higher" },
        { label: "runs", cell: (s) => count(s.cpu.runs) },
        { label: "creators", cell: (s) => count(s.creators) },
        { label: "creator-days", cell: (s) => count(Math.round(s.creatorDays)) },
      ],
    },
  ];
}

/** Short header tags: the name's first word (with any @seed), made unique. */
export function tagsOf(names: readonly string[]): string[] {
  const tags: string[] = [];
  for (const name of names) {
    const [base = name, seed] = name.split("@");
    let tag = (base.split("-")[0] ?? base).slice(0, TAG_LENGTH) + (seed ? `@${seed}` : "");
    for (let k = 2; tags.includes(tag); k++) tag = `${tag.replace(/\d+$/, "")}${k}`;
    tags.push(tag);
  }
  return tags;
}

/** Words wrapped to lines of at most `width`, each indented. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(" ")) {
    if (line.length + word.length + 1 > width && line.trim()) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${word} `;
  }
  return [...lines, line.trimEnd()];
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
  const legend = worlds.flatMap((w, i) => [
    `  ${tags[i] === w.name ? w.name : `${tags[i]} = ${w.name}`}: ${w.part}`,
    ...wrap(w.description, MAX_WIDTH, "      "),
  ]);
  return [
    ["Worlds", ...legend].join("\n"),
    "Cells: value (n counted); – where the world has no truth for the figure (left out, and counted as unknown).",
    ...tables,
  ].join("\n\n");
}
