import { reducedMotion } from "./motion.js";

// Sections fade in once as they scroll into view. Without IntersectionObserver, or with reduced
// motion, everything is simply shown.
export function initReveals(elements) {
  if (reducedMotion() || !("IntersectionObserver" in window)) {
    for (const el of elements) el.classList.add("is-visible");
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        entry.target.classList.add("is-visible");
        observer.unobserve(entry.target);
      }
    },
    { rootMargin: "0px 0px -8% 0px" },
  );
  for (const el of elements) observer.observe(el);
}
