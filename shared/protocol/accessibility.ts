/**
 * The accessibility statement (deklaracja dostępności, ustawa z 4 kwietnia 2019 r. o
 * dostępności cyfrowej): its text is the product's, in the client's i18n; who publishes this
 * Warsztat and whom to write to are the host's, from the server's configuration.
 */

/** When the statement's text was prepared (its self-assessment: the axe sweep of issue #16). */
export const STATEMENT_PREPARED = '2026-12-03';

/** Where every page links to the statement (routes.ts also shows it at /accessibility). */
export const STATEMENT_PATH = '/deklaracja-dostepnosci';

/** What GET /api/accessibility answers: the host's part of the statement; null where not configured. */
export interface StatementHost {
  entity: string | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  published: string | null;
  prepared: string;
}
