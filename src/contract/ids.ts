import { z } from "@hono/zod-openapi";

/** The ids in paths and bodies: both travel as strings (a TikTok video id does not fit a double). */

export const AccountId = z
  .string()
  .regex(/^[1-9]\d{0,17}$/, "must be a positive integer account id")
  .openapi({ description: "Adam's id of a connected TikTok account", example: "42" });

export const VideoId = z
  .string()
  .regex(/^\d{1,20}$/, "must be a numeric TikTok video id (up to 20 digits, sent as a string)")
  .openapi({ description: "TikTok's video id: a 19-digit number, always a string", example: "7301234567890123456" });
