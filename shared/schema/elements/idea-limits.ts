/**
 * Limits of the public idea form (karta zgłoszenia pomysłu). A module of its own so the
 * form's page (client/src/idea) takes these numbers without the element's zod schema.
 */
export const IDEA_LIMITS = { title: 120, description: 2_000, place: 200, contact: 200 } as const;
