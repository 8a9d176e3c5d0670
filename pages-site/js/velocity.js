import { el, linePath, responsiveChart, scale, ticks, whole } from "./svg.js";

const PAD = { left: 52, right: 16, top: 28, bottom: 36 };
const SNAPSHOT_HOURS = 0.5;

// The chart is drawn from the data table in the page, so the two can never disagree and the
// numbers stay readable without JavaScript.
function readTable(table) {
  const number = (cell) => Number(cell.textContent.replace(/[^\d.]/g, ""));
  const rows = [...table.tBodies[0].rows];
  const column = (i) => rows.map((row) => [number(row.cells[0]), number(row.cells[i])]);
  return {
    without: column(1),
    with: column(2),
    usual: column(3),
    intervention: Number(table.dataset.intervention),
  };
}

export function initVelocity(root) {
  const data = readTable(root.querySelector("table"));
  const svg = root.querySelector("[data-chart]");
  const buttons = [...root.querySelectorAll("[data-mode]")];
  const summary = root.querySelector("[data-summary]");
  let mode = "compare";
  const redraw = responsiveChart(svg, (width, height) => draw(svg, data, mode, width, height));
  const total = (series) => series.reduce((sum, [, perHour]) => sum + perHour * SNAPSHOT_HOURS, 0);

  function show(next) {
    mode = next;
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.mode === mode));
    redraw();
    const without = whole.format(total(data.without));
    const withAdam = whole.format(total(data.with));
    summary.textContent = {
      without: `Without a nudge: ${without} views by hour 6.`,
      with: `Acting on the 60-minute alert: ${withAdam} views by hour 6.`,
      compare: `${without} views without a nudge versus ${withAdam} when acting on the alert, by hour 6.`,
    }[mode];
  }

  for (const button of buttons) button.addEventListener("click", () => show(button.dataset.mode));
  show(buttons.find((b) => b.getAttribute("aria-pressed") === "true")?.dataset.mode ?? "compare");
}

function draw(svg, data, mode, W, H) {
  const maxAge = data.usual.at(-1)[0];
  const top = Math.max(...[...data.with, ...data.without, ...data.usual].map(([, v]) => v)) * 1.1;
  const x = scale(0, maxAge, PAD.left, W - PAD.right);
  const y = scale(0, top, H - PAD.bottom, PAD.top);
  const nodes = [];
  for (let hour = 0; hour <= maxAge; hour++) {
    nodes.push(el("text", { x: x(hour), y: H - 12, "text-anchor": "middle" }, `${hour}h`));
  }
  for (const v of ticks(top, 4)) {
    nodes.push(el("line", { class: "grid-line", x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }));
    nodes.push(el("text", { x: PAD.left - 8, y: y(v) + 4, "text-anchor": "end" }, whole.format(v)));
  }
  nodes.push(el("path", { class: "line-low", d: linePath(data.usual, x, y) }));
  if (mode !== "with") nodes.push(el("path", { class: "line-without draw", d: linePath(data.without, x, y) }));
  if (mode !== "without") nodes.push(el("path", { class: "line-with draw", d: linePath(data.with, x, y) }));

  const mx = x(data.intervention);
  const at = data.without.find(([age]) => age === data.intervention)[1];
  nodes.push(el("line", { class: "marker-line", x1: mx, x2: mx, y1: PAD.top - 10, y2: H - PAD.bottom }));
  nodes.push(el("circle", { class: "marker-dot", cx: mx, cy: y(at), r: 6 }));
  nodes.push(el("text", { class: "marker-label", x: mx + 10, y: PAD.top - 2 }, "60-min alert: you act here"));
  svg.querySelector("[data-plot]").replaceChildren(...nodes);
}
