import { reducedMotion } from "./motion.js";

// The hero's dashboard preview leans towards the pointer. Only for a fine pointer and when
// motion is welcome; the CSS tilt stays otherwise.
export function initPreview(stage) {
  const preview = stage.querySelector(".preview");
  if (!matchMedia("(pointer: fine)").matches) return;
  stage.addEventListener("pointermove", (event) => {
    if (reducedMotion()) return;
    const box = stage.getBoundingClientRect();
    const dx = (event.clientX - box.left) / box.width - 0.5;
    const dy = (event.clientY - box.top) / box.height - 0.5;
    preview.style.setProperty("--tilt-y", `${(-16 + dx * 14).toFixed(1)}deg`);
    preview.style.setProperty("--tilt-x", `${(10 - dy * 10).toFixed(1)}deg`);
  });
  stage.addEventListener("pointerleave", () => {
    preview.style.removeProperty("--tilt-x");
    preview.style.removeProperty("--tilt-y");
  });
}
