/**
 * The two charts, drawn by uPlot (a ~50 KB canvas chart library): the follower history with its
 * 90-day projection band, and a video's first hours against the creator's typical band. Each
 * chart follows its container's width; the canvas is hidden from assistive technology, and
 * every chart is described in words beside it (see the views).
 */
import uPlot from "uplot";
// oxlint-disable-next-line import/no-unassigned-import -- uPlot's stylesheet, bundled into build/app.css
import "uplot/dist/uPlot.min.css";
import type { AccountSeries, FollowerProjection, TypicalCurve, VideoSeries } from "./api";
import { formatAge, formatCount, formatDate, formatNumber } from "./format";

const COLORS = {
  text: "#a3afc4",
  grid: "rgb(148 163 184 / 0.12)",
  cyan: "#22d3ee",
  blue: "#4f8cff",
  blueBand: "rgb(79 140 255 / 0.2)",
  violet: "#a78bfa",
  violetBand: "rgb(167 139 250 / 0.18)",
};
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const HOUR_MS = 3_600_000;
const monthDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const shortDate = (ms: number) => monthDay.format(new Date(ms));
const DAY_MS = 86_400_000;

export interface Chart {
  destroy(): void;
  /** Points drawn per series, by label (the E2E test reads this). */
  points: Record<string, number>;
}

function axis(values: uPlot.Axis["values"], size = 56): uPlot.Axis {
  return {
    stroke: COLORS.text,
    font: FONT,
    size,
    grid: { stroke: COLORS.grid, width: 1 },
    ticks: { stroke: COLORS.grid, width: 1 },
    values,
  };
}

function mount(el: HTMLElement, options: Omit<uPlot.Options, "width" | "height">, data: uPlot.AlignedData): Chart {
  const height = () => (el.clientWidth < 520 ? 220 : 280);
  const hooks: uPlot.Hooks.Arrays = {
    ...options.hooks,
    setCursor: [(u) => u.root.classList.toggle("hovering", u.cursor.idx !== null && u.cursor.idx !== undefined)],
  };
  const plot = new uPlot({ ...options, hooks, width: Math.max(280, el.clientWidth), height: height() }, data, el);
  plot.root.querySelector(".u-wrap")?.setAttribute("aria-hidden", "true");
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: height() }));
  });
  observer.observe(el);
  const points: Record<string, number> = {};
  options.series.forEach((s, i) => {
    if (i > 0 && typeof s.label === "string")
      points[s.label] = (data[i] ?? []).filter((v) => v !== null && v !== undefined).length;
  });
  el.dataset.points = JSON.stringify(points);
  return {
    points,
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}

/** Merges series sampled at different x values into uPlot's one shared x array (gaps as null). */
function align(columns: { x: number[]; y: (number | null)[] }[]): uPlot.AlignedData {
  const xs = [...new Set(columns.flatMap((c) => c.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = columns.map((c) => {
    const out: (number | null)[] = Array.from({ length: xs.length }, () => null);
    c.x.forEach((x, i) => (out[index.get(x) as number] = c.y[i] ?? null));
    return out;
  });
  return [xs, ...ys] as uPlot.AlignedData;
}

/** Followers over the last 30 days, then the projection's P50 with its P10–P90 band. */
export function followerChart(el: HTMLElement, series: AccountSeries, projection: FollowerProjection | null): Chart {
  const history = { x: series.t.map((t) => t / 1000), y: series.followers };
  const days = projection?.points ?? [];
  const px = days.map((p) => (projection!.computedAtMs + p.day * DAY_MS) / 1000);
  const data = align([
    history,
    { x: px, y: days.map((p) => p.p10) },
    { x: px, y: days.map((p) => p.p90) },
    { x: px, y: days.map((p) => p.p50) },
  ]);
  return mount(
    el,
    {
      scales: { x: { time: true } },
      series: [
        { value: (_u, v) => (v === null ? "—" : formatDate(v * 1000)) },
        { label: "Followers", stroke: COLORS.cyan, width: 2, spanGaps: true, value: (_u, v) => formatNumber(v) },
        {
          label: "Low (P10)",
          stroke: "transparent",
          spanGaps: true,
          value: (_u, v) => formatNumber(v),
          points: { show: false },
        },
        {
          label: "High (P90)",
          stroke: "transparent",
          spanGaps: true,
          value: (_u, v) => formatNumber(v),
          points: { show: false },
        },
        {
          label: "Likely (P50)",
          stroke: COLORS.blue,
          width: 2,
          dash: [6, 5],
          spanGaps: true,
          value: (_u, v) => formatNumber(v),
          points: { show: false },
        },
      ],
      bands: [{ series: [3, 2], fill: COLORS.blueBand }],
      axes: [
        axis((_u, ticks) => ticks.map((v) => shortDate(v * 1000)), 36),
        axis((_u, ticks) => ticks.map((v) => formatCount(v))),
      ],
      legend: { live: true },
      cursor: { points: { size: 7 } },
    },
    data,
  );
}

export type VelocityMode = "total" | "rate";

/**
 * The video's views by age (hours since posting) against the creator's typical video at the same
 * age: cumulative views with the P10–P90 band, or views per hour with the P25–P75 band.
 */
export function velocityChart(
  el: HTMLElement,
  createdAtMs: number,
  series: VideoSeries,
  typical: TypicalCurve | undefined,
  maxAgeHours: number,
  mode: VelocityMode,
): Chart {
  const ages = series.fetched.map((t) => (t - createdAtMs) / HOUR_MS);
  const keep = ages.map((a) => a >= 0 && a <= maxAgeHours);
  let video: { x: number[]; y: number[] };
  let low: { x: number[]; y: number[] };
  let high: { x: number[]; y: number[] };
  let mid: { x: number[]; y: number[] };
  if (mode === "total") {
    video = { x: ages.filter((_a, i) => keep[i]), y: series.views.filter((_v, i) => keep[i]) };
    const points = (typical?.points ?? []).filter((p) => p.n >= 3 && p.ageHours <= maxAgeHours);
    low = { x: points.map((p) => p.ageHours), y: points.map((p) => p.p10) };
    high = { x: points.map((p) => p.ageHours), y: points.map((p) => p.p90) };
    mid = { x: points.map((p) => p.ageHours), y: points.map((p) => p.p50) };
  } else {
    video = { x: [], y: [] };
    for (let i = 1; i < ages.length; i++) {
      const a0 = ages[i - 1] as number;
      const a1 = ages[i] as number;
      if (!keep[i] || a1 <= a0) continue;
      video.x.push((a0 + a1) / 2);
      video.y.push(Math.max(0, ((series.views[i] as number) - (series.views[i - 1] as number)) / (a1 - a0)));
    }
    const rates = (typical?.velocity ?? []).filter((v) => v.n >= 3 && v.toAgeHours <= maxAgeHours);
    const x = rates.map((v) => (v.fromAgeHours + v.toAgeHours) / 2);
    low = { x, y: rates.map((v) => v.p25PerHour) };
    high = { x, y: rates.map((v) => v.p75PerHour) };
    mid = { x, y: rates.map((v) => v.p50PerHour) };
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  const data = align([
    { x: video.x.map(round), y: video.y },
    { x: low.x.map(round), y: low.y },
    { x: high.x.map(round), y: high.y },
    { x: mid.x.map(round), y: mid.y },
  ]);
  const unit = mode === "total" ? "views" : "views/h";
  const band = mode === "total" ? "P10–P90" : "P25–P75";
  return mount(
    el,
    {
      scales: { x: { time: false } },
      series: [
        { value: (_u, v) => (v === null ? "—" : `${formatAge(v)} old`) },
        {
          label: mode === "total" ? "This video" : "This video (views/h)",
          stroke: COLORS.cyan,
          width: 2,
          spanGaps: true,
          value: (_u, v) => (v === null ? "—" : `${formatNumber(v)} ${unit}`),
        },
        {
          label: `Typical low (${band.split("–")[0]})`,
          stroke: "transparent",
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => formatNumber(v),
        },
        {
          label: `Typical high (${band.split("–")[1]})`,
          stroke: "transparent",
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => formatNumber(v),
        },
        {
          label: "Your typical video",
          stroke: COLORS.violet,
          width: 2,
          dash: [6, 5],
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => (v === null ? "—" : `${formatNumber(v)} ${unit}`),
        },
      ],
      bands: [{ series: [3, 2], fill: COLORS.violetBand }],
      axes: [
        axis((_u, ticks) => ticks.map((v) => formatAge(v)), 36),
        axis((_u, ticks) => ticks.map((v) => formatCount(v))),
      ],
      legend: { live: true },
      cursor: { points: { size: 7 } },
    },
    data,
  );
}

/**
 * A video's retention curve (share of viewers still watching, by share of the video's length)
 * against the creator's typical band (P25–P75 of their settled videos) and its median.
 */
export function retentionChart(
  el: HTMLElement,
  retention: {
    positions: number[];
    video: (number | null)[] | null;
    band: { p25: (number | null)[]; p50: (number | null)[]; p75: (number | null)[] } | null;
  },
  durationSeconds: number | null,
): Chart {
  const x = retention.positions.map((p) => Math.round(p * 1000) / 10);
  const pct = (list: (number | null)[] | null | undefined) =>
    x.map((_x, i) => {
      const v = list?.[i];
      return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
    });
  const data: uPlot.AlignedData = [
    x,
    pct(retention.video),
    pct(retention.band?.p25),
    pct(retention.band?.p75),
    pct(retention.band?.p50),
  ];
  const at = (v: number | null) =>
    v === null ? "—" : durationSeconds ? `${v}% in (${Math.round((v / 100) * durationSeconds)} s)` : `${v}% in`;
  return mount(
    el,
    {
      scales: { x: { time: false }, y: { range: [0, 100] } },
      series: [
        { value: (_u, v) => at(v) },
        {
          label: "This video",
          stroke: COLORS.cyan,
          width: 2,
          spanGaps: true,
          value: (_u, v) => (v === null ? "—" : `${v}%`),
        },
        {
          label: "Typical low (P25)",
          stroke: "transparent",
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => (v === null ? "—" : `${v}%`),
        },
        {
          label: "Typical high (P75)",
          stroke: "transparent",
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => (v === null ? "—" : `${v}%`),
        },
        {
          label: "Your typical video",
          stroke: COLORS.violet,
          width: 2,
          dash: [6, 5],
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => (v === null ? "—" : `${v}%`),
        },
      ],
      bands: [{ series: [3, 2], fill: COLORS.violetBand }],
      axes: [
        axis((_u, ticks) => ticks.map((v) => `${Math.round(v)}%`), 36),
        axis((_u, ticks) => ticks.map((v) => `${Math.round(v)}%`)),
      ],
      legend: { live: true },
      cursor: { points: { size: 7 } },
    },
    data,
  );
}
