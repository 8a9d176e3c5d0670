import { z } from "@hono/zod-openapi";

/**
 * A schema's strict twin, all the way down: every object refuses keys it does not name, so a body
 * that carries a field the contract lacks (a copy that drifted) fails to parse.
 */
export function deepStrict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return z.strictObject(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, deepStrict(value)])));
  }
  if (schema instanceof z.ZodArray) return z.array(deepStrict(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return deepStrict(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return deepStrict(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodRecord) {
    return z.record(schema.keyType as z.ZodString, deepStrict(schema.valueType as z.ZodType));
  }
  if (schema instanceof z.ZodTuple) {
    const [first, ...rest] = (schema.def.items as z.ZodType[]).map(deepStrict);
    return first ? z.tuple([first, ...rest]) : schema;
  }
  if (schema instanceof z.ZodUnion) {
    return z.union((schema.options as z.ZodType[]).map(deepStrict) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  }
  return schema;
}
