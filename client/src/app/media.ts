import { useCallback, useSyncExternalStore } from 'react';

/** Phone-sized screens: panels become bottom sheets (client/src/phone.css uses the same width). */
export const NARROW_SCREEN = '(max-width: 600px)';
/** A finger rather than a mouse: hints speak of taps, targets are 44 px. */
export const COARSE_POINTER = '(pointer: coarse)';

/** Whether a media query matches now; re-renders when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** Whether the person uses a touch screen: then hints speak of taps, not clicks and keys. */
export function useTouch(): boolean {
  return useMediaQuery(COARSE_POINTER);
}
