/**
 * TikTok calls made through one client, by endpoint (`user_info`, `video_list`, `video_query`,
 * `token`, …): TikTok limits each endpoint separately, so what a job costs is per endpoint.
 */
export class CallCounter {
  total = 0;
  readonly byEndpoint: Record<string, number> = {};

  /** For the client's `onRequest`. */
  readonly onRequest = (endpoint: string): void => {
    this.total++;
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
  };
}
