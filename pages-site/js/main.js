// Enhances whichever interactive parts the page has. Each part works from markup that is
// already complete, so the page reads the same if this file never loads.
import { initCarousel } from "./carousel.js";
import { initPredictor } from "./predictor.js";
import { initPreview } from "./preview.js";
import { initReveals } from "./reveal.js";
import { initTabs } from "./tabs.js";
import { initVelocity } from "./velocity.js";

const each = (selector, init) => document.querySelectorAll(selector).forEach((node) => init(node));

each("[data-tabs]", initTabs);
each("[data-predictor]", initPredictor);
each("[data-velocity]", initVelocity);
each("[data-carousel]", initCarousel);
each(".preview-stage", initPreview);
initReveals(document.querySelectorAll(".reveal"));
