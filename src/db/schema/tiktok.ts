/** TikTok data: the tables ingestion writes and the data API reads (DESIGN section 7). */
export * from "./accounts";
export * from "./videos";
export * from "./signals";
export * from "./operations";
export * from "./alerts";
export * from "./coach";
export * from "./watch";
