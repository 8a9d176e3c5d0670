/**
 * Small multiples of alerts as one inline SVG: per panel, the video's cumulative views (blue,
 * left axis) and its views per hour between snapshots (orange bars, right axis), the alert's
 * event window shaded and the run that first raised it dashed. Pure: plots/png.ts renders it.
 */
import type { AlertPanel } from "./strongest.ts";

const HOUR = 3_600_000;
const PANEL_W = 600;
const PANEL_H = 270;
const COLUMNS = 2;
const GAP = 16;
const HEADER_H = 78;
const MARGIN = { left: 64, right: 64, top: 58, bottom: 38 };
const COLOR = { views: "#1c64d9", pace: "#f08c00", spike: "#e03131", drop: "#7048e8", grid: "#e3e6ea", ink: "#1f2328" };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function compactNumber(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${+(x / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${+(x / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${Math.round(x / 1e3)}k`;
  if (a >= 1e3) return `${+(x / 1e3).toFixed(1)}k`;
  return a >= 10 || x === 0 ? String(Math.round(x)) : x.toFixed(1);
}

/** About `count` round ticks, the first at or below lo and the last at or above hi. */
function ticks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) return [lo, lo + 1];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step - step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

/** Hour ticks relative to the alert window's start, in hours or days. */
function timeTicks(fromH: number, toH: number): { h: number; label: string }[] {
  const step = [1, 2, 3, 6, 12, 24, 48, 72, 168].find((s) => (toH - fromH) / s <= 7) ?? 168;
  const out: { h: number; label: string }[] = [];
  for (let h = Math.ceil(fromH / step) * step; h <= toH; h += step) {
    const sign = h > 0 ? "+" : h < 0 ? "−" : "";
    const mag = Math.abs(h);
    out.push({ h, label: h === 0 ? "0" : step >= 24 ? `${sign}${mag / 24} d` : `${sign}${mag} h` });
  }
  return out;
}

function panel(p: AlertPanel, x0: number, y0: number): string {
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const left = x0 + MARGIN.left;
  const top = y0 + MARGIN.top;
  const ts = p.snapshots.map((s) => s.t);
  const tMin = Math.min(p.windowStart, ...ts);
  const tMax = Math.max(p.windowEnd, p.firstSeenMs, ...ts);
  const pad = Math.max((tMax - tMin) * 0.03, HOUR / 2);
  const [a, b] = [tMin - pad, tMax + pad];
  const x = (t: number) => left + ((t - a) / (b - a)) * w;

  const views = p.snapshots.map((s) => s.views);
  const vTicks = ticks(Math.min(0, ...views), Math.max(1, ...views));
  const [vLo, vHi] = [vTicks[0] as number, vTicks[vTicks.length - 1] as number];
  const yViews = (v: number) => top + h - ((v - vLo) / (vHi - vLo || 1)) * h;

  const pace = p.snapshots.slice(1).map((s, i) => {
    const prev = p.snapshots[i] as { t: number; views: number };
    return { t0: prev.t, t1: s.t, perHour: (s.views - prev.views) / ((s.t - prev.t) / HOUR) };
  });
  const pTicks = ticks(Math.min(0, ...pace.map((q) => q.perHour)), Math.max(1, ...pace.map((q) => q.perHour)));
  const [pLo, pHi] = [pTicks[0] as number, pTicks[pTicks.length - 1] as number];
  const yPace = (v: number) => top + h - ((v - pLo) / (pHi - pLo || 1)) * h;

  const tone = p.kind === "spike" ? COLOR.spike : COLOR.drop;
  const ratio = p.expected > 0 ? ` (×${(p.observed / p.expected).toFixed(1)})` : "";
  const out: string[] = [];
  out.push(`<rect x="${x0}" y="${y0}" width="${PANEL_W}" height="${PANEL_H}" rx="6" fill="#fff" stroke="#d0d7de"/>`);
  out.push(
    `<text x="${x0 + 14}" y="${y0 + 22}" font-size="15" font-weight="700" fill="${tone}">${p.kind === "spike" ? "Spike" : "Drop"} · confidence ${p.confidence.toFixed(2)}<tspan fill="${COLOR.ink}" font-weight="600"> · ${esc(p.creator)}</tspan></text>`,
    `<text x="${x0 + 14}" y="${y0 + 42}" font-size="13" fill="#424a53">${compactNumber(p.observed)} views in the test window vs ${compactNumber(p.expected)} expected${ratio}; score ${p.score.toFixed(1)}</text>`,
  );
  for (const v of vTicks) {
    const y = yViews(v);
    out.push(`<line x1="${left}" x2="${left + w}" y1="${y}" y2="${y}" stroke="${COLOR.grid}"/>`);
    out.push(
      `<text x="${left - 6}" y="${y + 4}" font-size="12" text-anchor="end" fill="${COLOR.views}">${compactNumber(v)}</text>`,
    );
  }
  for (const v of pTicks)
    out.push(
      `<text x="${left + w + 6}" y="${yPace(v) + 4}" font-size="12" fill="${COLOR.pace}">${compactNumber(v)}/h</text>`,
    );
  const ws = x(p.windowStart);
  const we = Math.max(ws + 2, x(p.windowEnd));
  out.push(`<rect x="${ws}" y="${top}" width="${we - ws}" height="${h}" fill="${tone}" fill-opacity="0.10"/>`);
  for (const q of pace) {
    const y = yPace(Math.max(0, q.perHour));
    const y1 = yPace(Math.min(0, q.perHour));
    out.push(
      `<rect x="${x(q.t0)}" y="${y}" width="${Math.max(1, x(q.t1) - x(q.t0) - 1)}" height="${Math.max(0.5, y1 - y)}" fill="${COLOR.pace}" fill-opacity="0.45"/>`,
    );
  }
  // the window's edges over the bars, so it reads whatever lies beneath
  for (const ex of [ws, we])
    out.push(`<line x1="${ex}" x2="${ex}" y1="${top}" y2="${top + h}" stroke="${tone}" stroke-opacity="0.7"/>`);
  out.push(
    `<text x="${(ws + we) / 2}" y="${top - 4}" font-size="11" text-anchor="middle" fill="${tone}">event window</text>`,
  );
  const seen = x(p.firstSeenMs);
  out.push(
    `<line x1="${seen}" x2="${seen}" y1="${top}" y2="${top + h}" stroke="${tone}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<text x="${seen + 4}" y="${top + 12}" font-size="11" fill="${tone}">first alert</text>`,
  );
  const path = p.snapshots.map((s, i) => `${i ? "L" : "M"}${x(s.t).toFixed(1)},${yViews(s.views).toFixed(1)}`).join("");
  out.push(`<path d="${path}" fill="none" stroke="${COLOR.views}" stroke-width="2"/>`);
  if (p.snapshots.length <= 80)
    for (const s of p.snapshots)
      out.push(`<circle cx="${x(s.t)}" cy="${yViews(s.views)}" r="2.2" fill="${COLOR.views}"/>`);
  out.push(`<line x1="${left}" x2="${left + w}" y1="${top + h}" y2="${top + h}" stroke="#8c959f"/>`);
  const hoursOf = (t: number) => (t - p.windowStart) / HOUR;
  for (const t of timeTicks(hoursOf(a), hoursOf(b))) {
    const tx = x(p.windowStart + t.h * HOUR);
    out.push(
      `<line x1="${tx}" x2="${tx}" y1="${top + h}" y2="${top + h + 4}" stroke="#8c959f"/>`,
      `<text x="${tx}" y="${top + h + 17}" font-size="12" text-anchor="middle" fill="#424a53">${t.label}</text>`,
    );
  }
  out.push(
    `<text x="${left + w}" y="${top + h + 32}" font-size="11" text-anchor="end" fill="#6e7781">from the alert window's start</text>`,
  );
  return out.join("");
}

export function alertsSvg(
  title: string,
  subtitle: string,
  panels: readonly AlertPanel[],
): { svg: string; width: number; height: number } {
  const width = COLUMNS * PANEL_W + (COLUMNS + 1) * GAP;
  const rows = Math.ceil(panels.length / COLUMNS);
  const height = rows > 0 ? HEADER_H + rows * (PANEL_H + GAP) + GAP : HEADER_H + 70;
  const body = panels.length
    ? panels.map((p, i) =>
        panel(p, GAP + (i % COLUMNS) * (PANEL_W + GAP), HEADER_H + Math.floor(i / COLUMNS) * (PANEL_H + GAP)),
      )
    : [
        `<text x="${GAP + 10}" y="${HEADER_H + 40}" font-size="16" fill="#424a53">No view alert was raised on this data.</text>`,
      ];
  const legend = [
    `<rect x="${GAP}" y="52" width="14" height="3" fill="${COLOR.views}"/><text x="${GAP + 20}" y="57" font-size="13">cumulative views (left axis)</text>`,
    `<rect x="${GAP + 220}" y="48" width="14" height="10" fill="${COLOR.pace}" fill-opacity="0.45"/><text x="${GAP + 240}" y="57" font-size="13">views per hour between snapshots (right axis)</text>`,
    `<rect x="${GAP + 560}" y="48" width="14" height="10" fill="${COLOR.spike}" fill-opacity="0.13"/><text x="${GAP + 580}" y="57" font-size="13">the alert's event window</text>`,
    `<line x1="${GAP + 760}" x2="${GAP + 760}" y1="47" y2="60" stroke="${COLOR.spike}" stroke-dasharray="4 3" stroke-width="1.5"/><text x="${GAP + 768}" y="57" font-size="13">the run that first raised it</text>`,
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, sans-serif" fill="${COLOR.ink}">
<rect width="100%" height="100%" fill="#f6f8fa"/>
<text x="${GAP}" y="26" font-size="19" font-weight="700">${esc(title)}</text>
<text x="${width - GAP}" y="26" font-size="13" text-anchor="end" fill="#424a53">${esc(subtitle)}</text>
${legend.join("")}
${body.join("\n")}
</svg>`;
  return { svg, width, height };
}
