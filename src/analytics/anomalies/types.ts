import type { Anomaly } from "../types";

/** A detection before cooldown: becomes an Anomaly (with its event key) once matched against open events. */
export type AnomalyCandidate = Omit<Anomaly, "eventKey" | "metric"> & { metric: "views" | "followers" };
