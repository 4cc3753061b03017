import { z } from 'zod';
import type { ArrivedBy, Role } from './state';

/**
 * Personal links: a link the facilitator issues to one named person, which can be revoked
 * without disturbing anyone else (unlike the shared role links, which everyone holds).
 * The rules here are applied by the server (REST, sync, facilitation) and the share panel.
 */

/** Roles a personal link may be issued for; facilitators use the facilitator link. */
export const PERSONAL_LINK_ROLES = ['participant', 'observer'] as const;
export type PersonalLinkRole = (typeof PERSONAL_LINK_ROLES)[number];

/** At most this many personal links per board; a workshop has 15–40 people. */
export const MAX_PERSONAL_LINKS = 500;

/** A link's name is the person's display name, so it has a display name's length. */
export const PERSONAL_LINK_NAME_MAX = 40;

export type PersonalLinkNameCheck = { ok: true; name: string } | { ok: false; reason: 'empty' | 'tooLong' | 'controlCharacters' };

/** Whether a name can head a personal link; the name is returned trimmed. */
export function checkPersonalLinkName(raw: string): PersonalLinkNameCheck {
  const name = raw.trim();
  if (!name) return { ok: false, reason: 'empty' };
  if ([...name].length > PERSONAL_LINK_NAME_MAX) return { ok: false, reason: 'tooLong' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, reason: 'controlCharacters' };
  return { ok: true, name };
}

const NAME_PROBLEMS: Record<Exclude<PersonalLinkNameCheck, { ok: true }>['reason'], string> = {
  empty: 'name must not be empty',
  tooLong: `name must be at most ${PERSONAL_LINK_NAME_MAX} characters`,
  controlCharacters: 'name must not contain control characters',
};

/** The body of `POST /api/boards/:id/links`. */
export const newPersonalLinkSchema = z
  .object({
    name: z.string().max(1000).transform((raw, ctx) => {
      const checked = checkPersonalLinkName(raw);
      if (checked.ok) return checked.name;
      ctx.addIssue({ code: 'custom', message: NAME_PROBLEMS[checked.reason] });
      return z.NEVER;
    }),
    role: z.enum(PERSONAL_LINK_ROLES),
  })
  .strict();

/** A personal link as listed to the facilitator (its token is shown only when it is made). */
export interface PersonalLinkInfo {
  id: string;
  name: string;
  /** The role the link grants now: the facilitator's latest role change for its holder. */
  role: Role;
  createdAt: number;
}

/**
 * Why a person's sockets were closed, as the server says it (close reason, `removed` event)
 * and the client reads it to pick its message.
 */
export const EXCLUSION_REASONS = {
  removed: 'removed by the facilitator',
  linkRevoked: 'personal link revoked',
  linkReplaced: 'link was replaced',
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

/** Which of EXCLUSION_REASONS a reason is (anything else counts as a removal). */
export function exclusionOf(reason: string): ExclusionReason {
  const found = (Object.keys(EXCLUSION_REASONS) as ExclusionReason[]).find((key) => EXCLUSION_REASONS[key] === reason);
  return found ?? 'removed';
}

/** What removing a person does to their way back in (the remove dialog says it). */
export type RemovalOutcome =
  /** Their personal link is revoked with them: they cannot come back with it. */
  | { kind: 'linkRevoked' }
  /**
   * The shared link they came by stays valid for everyone, so they can come back unless it
   * is replaced; the facilitator link is not replaced in passing (it is the remover's own).
   */
  | { kind: 'canReturn'; sharedLink: Role; replaceable: boolean };

export function removalOutcome(person: { arrivedBy: ArrivedBy; linkRole: Role }): RemovalOutcome {
  if (person.arrivedBy === 'personal') return { kind: 'linkRevoked' };
  return { kind: 'canReturn', sharedLink: person.linkRole, replaceable: person.linkRole !== 'facilitator' };
}
