import { z } from 'zod';
import type { Locale } from '../schema/doc';

/** How long residents' contacts are kept when the facilitator sets nothing else (docs/privacy.md). */
export const DEFAULT_CONTACT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A board's contact retention as the facilitator sets it: whole days, one to ten years' worth. */
export const retentionSchema = z.object({ days: z.number().int().min(1).max(3650) }).strict();

/** When a contact given at `consentAt` must be gone. */
export function contactExpiresAt(consentAt: number, retentionDays: number | null): number {
  return consentAt + (retentionDays ?? DEFAULT_CONTACT_RETENTION_DAYS) * DAY_MS;
}

/** Whether a contact given at `consentAt` has outlived its board's retention at `now`. */
export function contactExpired(consentAt: number, retentionDays: number | null, now: number): boolean {
  return contactExpiresAt(consentAt, retentionDays) <= now;
}

/** The name an erased participant is shown under from then on: numbered per board, never reused. */
export function participantAlias(locale: Locale, n: number): string {
  return `${locale === 'en' ? 'Participant' : 'Uczestnik'} ${n}`;
}

/** The next alias number of a board: one past the highest "Uczestnik N" already given. */
export function nextAliasNumber(locale: Locale, namesInUse: Iterable<string>): number {
  const pattern = new RegExp(`^${participantAlias(locale, 0).replace(/ 0$/, '')} (\\d+)$`);
  let max = 0;
  for (const name of namesInUse) {
    const match = pattern.exec(name);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max + 1;
}

/** How the people whose data are looked for are named: a resident by the contact they left, a participant by their name. */
export const dataSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), contact: z.string().trim().min(1, 'contact is required').max(200) }).strict(),
  z.object({ kind: z.literal('participant'), name: z.string().trim().min(1, 'name is required').max(100) }).strict(),
]);
export type DataSubject = z.infer<typeof dataSubjectSchema>;

/** An erasure must say it is meant: `confirm` is the literal word, so a stray request erases nothing. */
export const erasureSchema = z.object({ subject: dataSubjectSchema, confirm: z.literal('ERASE', { error: 'confirm: send "ERASE" to erase for good' }) }).strict();

/** Contacts match case- and space-insensitively: "Jan@Example.pl " is the same person as "jan@example.pl". */
export function sameContact(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return norm(a) === norm(b);
}
