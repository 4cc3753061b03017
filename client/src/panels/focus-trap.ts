import { useEffect, type RefObject } from 'react';
import { createFocusTrap } from 'focus-trap';

/**
 * Keeps Tab and Shift+Tab inside a dialog while it is open (WCAG 2.4.3): from its last control
 * Tab goes to its first, and a click or a script cannot leave the focus behind it on the board.
 * focus-trap knows what is tabbable (radio groups, hidden and disabled controls) and stacks:
 * a dialog opened from a dialog traps until it closes, then the first traps again. Where the
 * focus starts and where it goes back are the dialog's own business (Modal), not the trap's.
 */
export function useFocusTrap(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const node = container.current;
    if (!node) return;
    const trap = createFocusTrap(node, {
      initialFocus: false,
      fallbackFocus: node,
      escapeDeactivates: false,
      returnFocusOnDeactivate: false,
      // A click beside the dialog is the backdrop's (it closes the dialog); the trap lets it through.
      allowOutsideClick: true,
    });
    trap.activate();
    return () => {
      trap.deactivate();
    };
  }, [container]);
}
