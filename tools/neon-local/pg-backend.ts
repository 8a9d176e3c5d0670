import { Pool, type PoolClient, type QueryConfig } from "pg";
import type { Backend } from "./backend.ts";
import { beginStatement, fieldOf, type Query, type QueryResult } from "./protocol.ts";

const rawText = { getTypeParser: () => (value: string) => value };

export function openPostgres(databaseUrl: string): Backend {
  // Neon sessions run in UTC; so must ours, or timestamptz text would carry the server's zone.
  const pool = new Pool({ connectionString: databaseUrl, max: 10, options: "-c TimeZone=UTC" });
  pool.on("error", () => undefined); // an idle client dying is not fatal; the next query reconnects

  return {
    name: "postgres",
    query: (query) => runStatement(pool, query),
    async batch(queries, options) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(beginStatement(options));
        try {
          const results: QueryResult[] = [];
          for (const query of queries) results.push(await runStatement(client, query));
          await client.query("COMMIT");
          return results;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

async function runStatement(client: PoolClient | Pool, query: Query): Promise<QueryResult> {
  const result = await client.query({
    text: query.text,
    values: query.params,
    rowMode: "array",
    types: rawText,
    // Always the extended protocol, as Neon's proxy: no multi-statement strings.
    queryMode: "extended",
  } as QueryConfig & { rowMode: "array"; queryMode: "extended" });
  return {
    commandTag: result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`,
    fields: result.fields.map(fieldOf),
    rows: result.rows as (string | null)[][],
  };
}
