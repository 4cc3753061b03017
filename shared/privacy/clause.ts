import type { Locale } from '../schema/doc';

/** What the host fills in (config: PRIVACY_CONTROLLER, PRIVACY_CONTACT, PRIVACY_CLAUSE_PL/EN). */
export interface ClauseSettings {
  /** Who is the controller (administrator danych): name and address of the town office or organiser. */
  controller: string;
  /** Where to write about one's data (e.g. the data protection officer's e-mail). */
  contact: string;
  /** A host's whole clause in place of the template, per language. */
  override?: Partial<Record<Locale, string>>;
}

/** One part of the information clause (klauzula informacyjna, art. 13 RODO). */
export interface ClauseSection {
  heading: string;
  text: string;
}

const TEMPLATE: Record<Locale, (s: ClauseSettings, days: number) => ClauseSection[]> = {
  pl: (s, days) => [
    { heading: 'Administrator danych', text: `Administratorem Twoich danych osobowych jest ${s.controller}. W sprawach danych osobowych pisz na adres: ${s.contact}.` },
    { heading: 'Cel', text: 'Dane podajesz, aby wziąć udział w konsultacjach (warsztacie) i – jeśli zostawisz kontakt – abyśmy mogli odpowiedzieć na Twój pomysł.' },
    { heading: 'Podstawa prawna', text: 'Kontakt przetwarzamy na podstawie Twojej zgody (art. 6 ust. 1 lit. a RODO), pozostałe dane w związku z zadaniem realizowanym w interesie publicznym (art. 6 ust. 1 lit. e RODO).' },
    { heading: 'Okres przechowywania', text: `Kontakt usuwamy automatycznie po ${days} dniach albo wcześniej, gdy wycofasz zgodę. Imię podane na warsztacie można usunąć na żądanie.` },
    { heading: 'Twoje prawa', text: 'Masz prawo dostępu do danych, ich sprostowania, usunięcia, ograniczenia przetwarzania, przeniesienia, wycofania zgody w dowolnym momencie (bez wpływu na wcześniejsze przetwarzanie) oraz skargi do Prezesa Urzędu Ochrony Danych Osobowych.' },
  ],
  en: (s, days) => [
    { heading: 'Controller', text: `The controller of your personal data is ${s.controller}. For anything about your data, write to: ${s.contact}.` },
    { heading: 'Purpose', text: 'You give your data to take part in the consultation (workshop) and, if you leave a contact, so that we can answer your idea.' },
    { heading: 'Legal basis', text: 'Your contact is processed on the basis of your consent (Art. 6(1)(a) GDPR), other data for a task carried out in the public interest (Art. 6(1)(e) GDPR).' },
    { heading: 'Retention', text: `Your contact is deleted automatically after ${days} days, or sooner when you withdraw your consent. A name given at the workshop can be erased on request.` },
    { heading: 'Your rights', text: 'You have the right of access, rectification, erasure, restriction, portability, to withdraw consent at any time (without affecting earlier processing) and to lodge a complaint with the President of the Personal Data Protection Office (UODO).' },
  ],
};

/**
 * The information clause shown on the idea form and the join screen, in the board's
 * language: the host's own text when configured, else the template filled in.
 */
export function informationClause(locale: Locale, settings: ClauseSettings, retentionDays: number): ClauseSection[] {
  const own = settings.override?.[locale];
  if (own && own.trim()) return [{ heading: locale === 'pl' ? 'Klauzula informacyjna' : 'Privacy notice', text: own.trim() }];
  return TEMPLATE[locale](settings, retentionDays);
}

/** The wording of the optional consent checkbox: stored with every contact, exactly as shown. */
export function consentWording(locale: Locale, retentionDays: number): string {
  return locale === 'pl'
    ? `Zgadzam się na przechowywanie podanego kontaktu przez ${retentionDays} dni, aby prowadzący mogli odpowiedzieć na mój pomysł. Zgodę mogę wycofać w każdej chwili.`
    : `I agree that the contact I gave is kept for ${retentionDays} days so that the facilitators can answer my idea. I can withdraw this consent at any time.`;
}
