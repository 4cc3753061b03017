import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useFocusTrap } from './focus-trap';

interface Props {
  onClose: () => void;
  /** Id of the heading that names the dialog. */
  labelledBy: string;
  testId: string;
  className?: string;
  /** Given, the dialog is a form submitted with Enter or its submit button. */
  onSubmit?: () => void;
  /** Escape leaves the dialog open (it holds unsaved typing that Escape would throw away). */
  keepOnEscape?: boolean;
  children: ReactNode;
}

/**
 * A dialog over the board: Escape or a click beside it closes it, and while it is open the
 * keys pressed in it stay in it (the board's shortcuts would otherwise act behind it).
 * It takes the focus when it opens (unless one of its fields took it), keeps Tab inside it
 * (focus-trap.ts) and gives the focus back when it closes.
 */
export function Modal({ onClose, labelledBy, testId, className, onSubmit, keepOnEscape = false, children }: Props) {
  const dialog = useRef<HTMLElement | null>(null);
  // Read while rendering, before a field of the dialog takes the focus with autoFocus.
  const focusedBefore = useRef(document.activeElement);
  // Before the focus effect: unmounting, the trap lets go before the focus is given back.
  useFocusTrap(dialog);
  useEffect(() => {
    const before = focusedBefore.current;
    if (dialog.current && !dialog.current.contains(document.activeElement)) dialog.current.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  const common = {
    className: className ? `modal ${className}` : 'modal',
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': labelledBy,
    'data-testid': testId,
    // Focusable, so that it holds the keys when nothing in it has the focus.
    tabIndex: -1,
    onClick: (e: { stopPropagation(): void }) => e.stopPropagation(),
    onKeyDown: (e: KeyboardEvent) => {
      e.stopPropagation();
      // Escape while composing (IME) ends the composition, not the dialog.
      if (e.key !== 'Escape' || e.nativeEvent.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      if (!keepOnEscape) onClose();
    },
  } as const;
  return (
    <div className="modal-backdrop" onClick={onClose}>
      {onSubmit ? (
        <form
          {...common}
          ref={(node) => {
            dialog.current = node;
          }}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div
          {...common}
          ref={(node) => {
            dialog.current = node;
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
