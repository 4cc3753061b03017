import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';

/**
 * Whether the top bar's content does not fit on one line, so its actions fold into a menu.
 * Measured rather than set by a breakpoint: what the bar holds depends on the role (the
 * facilitator has one more button), the language and the timer. The width the unfolded bar
 * needed is remembered, so it unfolds only where it fits again (no flicker at the edge).
 */
export function useFoldedBar(bar: RefObject<HTMLElement | null>): boolean {
  const [folded, setFolded] = useState(false);
  const foldedRef = useRef(false);
  const needed = useRef(0);
  const check = useCallback(() => {
    const element = bar.current;
    if (!element) return;
    if (!foldedRef.current) {
      if (element.scrollWidth <= element.clientWidth + 1) return;
      needed.current = element.scrollWidth;
      foldedRef.current = true;
      setFolded(true);
    } else if (element.clientWidth >= needed.current) {
      foldedRef.current = false;
      setFolded(false);
    }
  }, [bar]);
  // After every render: a button that appeared (the role arrived, a timer started) may not fit.
  useLayoutEffect(check);
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, [bar, check]);
  return folded;
}

/**
 * The folded bar's menu, a disclosure: the button says whether it is open, Escape closes it
 * and gives the focus back to the button, a tap outside closes it, and so does any action
 * in it that opens something else (undo, redo and zoom leave it open, to be pressed again).
 */
export function useBarMenu(folded: boolean, bar: RefObject<HTMLElement | null>, button: RefObject<HTMLButtonElement | null>) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!folded) setOpen(false);
  }, [folded]);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      const menu = bar.current?.querySelector('.topbar-menu');
      if (!menu?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open, bar, button]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    // The board's own Escape (let go of the selection) is not meant here.
    event.stopPropagation();
    event.nativeEvent.stopImmediatePropagation();
    setOpen(false);
    button.current?.focus();
  };
  const onClick = (event: MouseEvent) => {
    const pressed = (event.target as HTMLElement).closest('button');
    if (pressed && !pressed.hasAttribute('data-keeps-menu')) setOpen(false);
  };
  return { open, toggle: () => setOpen((o) => !o), onKeyDown, onClick };
}
