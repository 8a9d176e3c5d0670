// Tiny SVG helpers for the landing page's charts: linear scales and path strings.
const NS = "http://www.w3.org/2000/svg";

export function el(name, attributes = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function scale(domainMin, domainMax, rangeMin, rangeMax) {
  const span = domainMax - domainMin || 1;
  return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}

/** "M x y L x y …" through the points, rounded to keep the markup short. */
export function linePath(points, x, y) {
  return points.map(([px, py], i) => `${i ? "L" : "M"}${x(px).toFixed(1)} ${y(py).toFixed(1)}`).join(" ");
}

/** A closed area between an upper and a lower series that share x values. */
export function bandPath(upper, lower, x, y) {
  const top = linePath(upper, x, y);
  const bottom = [...lower]
    .reverse()
    .map(([px, py]) => `L${x(px).toFixed(1)} ${y(py).toFixed(1)}`)
    .join(" ");
  return `${top} ${bottom} Z`;
}

/** Round numbers for axis ticks: 0, step, 2·step … up to max. */
export function ticks(max, count = 4) {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let v = 0; v <= max + step / 2; v += step) out.push(v);
  return out;
}

export const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
export const whole = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/**
 * Sizes the chart's coordinate system to its rendered width, so one unit is one CSS pixel and
 * labels stay legible from a phone to a wide screen; redraws whenever that width changes.
 */
export function responsiveChart(svg, draw) {
  let width = 0;
  const render = () => {
    const box = Math.round(svg.getBoundingClientRect().width) || 640;
    width = box;
    const height = Math.round(Math.min(340, Math.max(230, box * 0.5)));
    svg.setAttribute("viewBox", `0 0 ${box} ${height}`);
    draw(box, height);
  };
  new ResizeObserver(() => {
    if (Math.round(svg.getBoundingClientRect().width) !== width) render();
  }).observe(svg);
  return render;
}
