import { reducedMotion } from "./motion.js";

const INTERVAL_MS = 7000;

// One testimonial at a time, with previous/next, dots, a pause button and arrow keys. It turns
// by itself only when motion is allowed, and never while the pointer or focus is inside it.
export function initCarousel(root) {
  const slides = [...root.querySelectorAll(".slide")];
  const dots = [...root.querySelectorAll(".dot")];
  const list = root.querySelector(".slides");
  const toggle = root.querySelector('[data-action="toggle"]');
  let index = 0;
  let playing = !reducedMotion();
  let timer = 0;
  let held = false;

  function go(to) {
    index = (to + slides.length) % slides.length;
    slides.forEach((slide, i) => (slide.hidden = i !== index));
    dots.forEach((dot, i) => dot.setAttribute("aria-current", String(i === index)));
  }

  function schedule() {
    clearInterval(timer);
    const rotating = playing && !held && !reducedMotion();
    // Announce changes only when the visitor causes them, not every seven seconds.
    list.setAttribute("aria-live", rotating ? "off" : "polite");
    if (rotating) timer = setInterval(() => go(index + 1), INTERVAL_MS);
  }

  function setPlaying(value) {
    playing = value;
    toggle.textContent = playing ? "Pause" : "Play";
    toggle.setAttribute("aria-label", playing ? "Pause automatic rotation" : "Start automatic rotation");
    schedule();
  }

  root.querySelector('[data-action="prev"]').addEventListener("click", () => go(index - 1));
  root.querySelector('[data-action="next"]').addEventListener("click", () => go(index + 1));
  dots.forEach((dot, i) => dot.addEventListener("click", () => go(i)));
  toggle.addEventListener("click", () => setPlaying(!playing));
  root.addEventListener("keydown", (event) => {
    if (event.key === "ArrowRight") go(index + 1);
    else if (event.key === "ArrowLeft") go(index - 1);
    else return;
    event.preventDefault();
  });
  const hold = (value) => () => {
    held = value;
    schedule();
  };
  root.addEventListener("pointerenter", hold(true));
  root.addEventListener("pointerleave", hold(false));
  root.addEventListener("focusin", hold(true));
  root.addEventListener("focusout", (event) => {
    if (!root.contains(event.relatedTarget)) hold(false)();
  });

  go(0);
  setPlaying(playing);
  return { get index() { return index; } };
}
