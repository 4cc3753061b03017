import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../helpers/axe';
import { browserUnavailable, launchBrowser, screenshot, trackErrors } from '../helpers/browser';
import { openBoard } from '../helpers/board-page';
import { startServer } from '../helpers/server';

describe.skipIf(browserUnavailable() !== null)('the current phase for everyone, in Chromium', () => {
  let closeBrowser: () => Promise<void> = async () => {};
  afterAll(() => closeBrowser());

  it('participants see the phase’s name, place and what to do; the facilitator rewrites the instruction live', { timeout: 90_000 }, async () => {
    const server = await startServer();
    const board = await server.createBoard('Warsztat – Nowe Miasto', { template: 'workshop', locale: 'pl' });
    const browser = await launchBrowser();
    closeBrowser = () => browser.close();
    const facilitator = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1400, height: 900 } }), board.links.facilitator, 'Doradczyni Ewa');
    const participant = await openBoard(await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } }), board.links.participant, 'Jan');
    const errors = [...trackErrors(facilitator), ...trackErrors(participant)];
    await expect(participant.getByTestId('phase-banner').count()).resolves.toBe(0);

    // The facilitator's panel is open from the start.
    await facilitator.getByTestId('phase-3').click();
    const banner = participant.getByTestId('phase-banner');
    await banner.getByTestId('phase-title').filter({ hasText: 'Etap 4 z 7: Analiza SWOT' }).waitFor();
    expect(await banner.getByTestId('phase-instruction').textContent()).toContain('mocne i słabe strony');

    await facilitator.getByTestId('phase-instruction-edit-3').click();
    await facilitator.getByTestId('phase-instruction-text-3').fill('Każdy dopisuje po trzy karteczki do każdej ćwiartki. Mamy 10 minut.');
    await facilitator.getByTestId('phase-instruction-save-3').click();
    await banner.getByTestId('phase-instruction').filter({ hasText: 'po trzy karteczki' }).waitFor();
    await screenshot(participant, 'phase-banner');

    // Folded away by one person, for that person only.
    await banner.getByTestId('phase-instruction-toggle').click();
    await banner.getByTestId('phase-instruction').waitFor({ state: 'detached' });
    expect(await banner.getByTestId('phase-instruction-toggle').getAttribute('aria-expanded')).toBe('false');
    const violations = await axeViolations(participant, ['[data-testid="phase-banner"]']);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
