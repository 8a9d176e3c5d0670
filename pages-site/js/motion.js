// One switch for every moving part: read it at the moment of moving, so a visitor who turns on
// "reduce motion" mid-visit is honoured at once.
const query = matchMedia("(prefers-reduced-motion: reduce)");

export function reducedMotion() {
  return query.matches;
}

export function onMotionPreferenceChange(callback) {
  query.addEventListener("change", callback);
}
