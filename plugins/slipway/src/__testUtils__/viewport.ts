/**
 * Makes `useMediaQuery` answer as a phone would (jsdom has no `window.matchMedia`, so without this every component
 * lays itself out as on a laptop). Returns a function that puts things back.
 */
export function actAsPhone(): () => void {
  window.matchMedia = (query: string) =>
    ({
      // MUI's `theme.breakpoints.down(…)` asks for a max-width; a phone is narrower than any of them.
      matches: query.includes('max-width'),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    } as MediaQueryList);
  return () => {
    delete (window as Partial<Window>).matchMedia;
  };
}
