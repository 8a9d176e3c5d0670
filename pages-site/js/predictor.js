import { project } from "./projection.js";
import { bandPath, compact, el, linePath, responsiveChart, scale, ticks, whole } from "./svg.js";

const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

// Inputs → 90-day projection: the band spans low..high, the line is the likely path.
export function initPredictor(root) {
  const form = root.querySelector("form");
  const svg = root.querySelector("[data-chart]");
  let series;
  const redraw = responsiveChart(svg, (width, height) => draw(svg, series, width, height));
  const outputs = Object.fromEntries([...root.querySelectorAll("[data-result]")].map((n) => [n.dataset.result, n]));

  function read() {
    const value = (name, fallback) => {
      const n = Number(form.elements[name].value);
      return Number.isFinite(n) && n >= 0 ? n : fallback;
    };
    return {
      followers: value("followers", 0),
      videosPerWeek: value("videosPerWeek", 1),
      viewsPerVideo: value("viewsPerVideo", 0),
    };
  }

  function render() {
    const inputs = read();
    for (const out of form.querySelectorAll("output")) out.value = form.elements[out.htmlFor.value].value;
    series = project(inputs);
    const last = (name) => series[name].at(-1)[1];
    for (const name of ["low", "likely", "high"]) outputs[name].textContent = whole.format(last(name));
    redraw();
  }

  form.addEventListener("input", render);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    render();
  });
  render();
}

function draw(svg, series, W, H) {
  const start = series.likely[0][1];
  const top = series.high.at(-1)[1];
  const floor = Math.max(0, start - (top - start) * 0.15);
  const x = scale(0, 90, PAD.left, W - PAD.right);
  const y = scale(floor, top, H - PAD.bottom, PAD.top);
  const nodes = [];

  for (const day of [0, 30, 60, 90]) {
    nodes.push(el("line", { class: "grid-line", x1: x(day), x2: x(day), y1: PAD.top, y2: H - PAD.bottom }));
    nodes.push(el("text", { x: x(day), y: H - 12, "text-anchor": "middle" }, day === 0 ? "Today" : `Day ${day}`));
  }
  const span = top - floor;
  for (const t of ticks(span, 4)) {
    const v = floor + t;
    if (v > top * 1.001) continue;
    nodes.push(el("line", { class: "grid-line", x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }));
    nodes.push(el("text", { x: PAD.left - 8, y: y(v) + 4, "text-anchor": "end" }, compact.format(v)));
  }
  nodes.push(el("path", { class: "band", d: bandPath(series.high, series.low, x, y) }));
  nodes.push(el("path", { class: "line-low", d: linePath(series.low, x, y) }));
  nodes.push(el("path", { class: "line-high", d: linePath(series.high, x, y) }));
  nodes.push(el("path", { class: "line-likely", d: linePath(series.likely, x, y) }));
  const jump = series.high[41];
  nodes.push(el("circle", { class: "jump", cx: x(jump[0]), cy: y(jump[1]), r: 5 }));
  nodes.push(el("text", { x: x(jump[0]) - 8, y: y(jump[1]) - 10, "text-anchor": "end" }, "viral jump (high path)"));
  svg.querySelector("[data-plot]").replaceChildren(...nodes);
}
