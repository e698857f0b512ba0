import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, updated live (lighter than antd's Grid for the first load). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phone width: below antd's `md` breakpoint (768 px). */
export const phoneQuery = '(max-width: 767.98px)';
