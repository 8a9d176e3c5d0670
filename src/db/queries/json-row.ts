/**
 * A table's row as Postgres' JSON functions hand it over (`json_build_object`, `json_agg`): the
 * Drizzle schema's own column types, except instants, which JSON carries as text. Derived from
 * `typeof table.$inferSelect`, so no row type is written out between the database and the contract.
 */
export type JsonRow<Row> = {
  [K in keyof Row]: Row[K] extends Date ? string : Row[K] extends Date | null ? string | null : Row[K];
};

/** An instant from JSON in the API's one format (ISO 8601, UTC, milliseconds). */
export const isoInstant = (value: string) => new Date(value).toISOString();
