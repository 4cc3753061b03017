import type { FormEvent, ReactNode } from 'react';

interface Props {
  onClose: () => void;
  /** Id of the heading that names the dialog. */
  labelledBy: string;
  testId: string;
  className?: string;
  /** Given, the dialog is a form submitted with Enter or its submit button. */
  onSubmit?: () => void;
  children: ReactNode;
}

/**
 * A dialog over the board: Escape or a click beside it closes it, and while it is open the
 * keys pressed in it stay in it (the board's shortcuts would otherwise act behind it).
 */
export function Modal({ onClose, labelledBy, testId, className, onSubmit, children }: Props) {
  const common = {
    className: className ? `modal ${className}` : 'modal',
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': labelledBy,
    'data-testid': testId,
    // Focusable, so that a click on the dialog's text keeps the keys in it.
    tabIndex: -1,
    onClick: (e: { stopPropagation(): void }) => e.stopPropagation(),
    onKeyDown: (e: { key: string; stopPropagation(): void; preventDefault(): void }) => {
      e.stopPropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    },
  } as const;
  return (
    <div className="modal-backdrop" onClick={onClose}>
      {onSubmit ? (
        <form
          {...common}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div {...common}>{children}</div>
      )}
    </div>
  );
}
