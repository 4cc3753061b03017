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
  /** Most individual ratings kept on one stakeholder or factor after a reveal. */
  maxRatings: 500,
  /** Most SWOT items one TOWS strategy combines. */
  maxSources: 20,
  /** Longest short label (a stakeholder's group, an idea's place, a rater's name). */
  maxLabelLength: 200,
  /** Most hidden notes (private brainstorming) one author may hold in one frame; each note's text is at most maxTextLength. */
  maxDraftsPerFrame: 200,
} as const;
