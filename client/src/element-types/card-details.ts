/**
 * Enter on a stakeholder or factor card: the focus goes to the card's details beside the
 * board, to its score when one may score (Escape there comes back). Whether it went.
 */
export function focusCardDetails(): boolean {
  const details = document.querySelector<HTMLElement>('[data-testid="card-details"]');
  if (!details) return false;
  const field = details.querySelector<HTMLElement>('[data-testid="rating-form"] input') ?? details.querySelector<HTMLElement>('input, textarea, button');
  (field ?? details).focus();
  return true;
}
