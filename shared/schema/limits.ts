/** Upper bounds shared by the client, the server and imports. */
export const LIMITS = {
  /** Longest text in one text field of one element (characters). */
  maxTextLength: 10_000,
  /** Longest board title (characters). */
  maxTitleLength: 200,
  /** Largest coordinate magnitude; keeps geometry finite and sane. */
  maxCoordinate: 1e7,
  /** Most points in one freehand stroke or connector path (pairs). */
  maxPoints: 5_000,
  /** Longest element id. */
  maxIdLength: 64,
} as const;
