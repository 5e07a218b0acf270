declare module 'async-exit-hook' {
  /** Registers a hook run on exit signals; `unhookEvent` removes the package's handler for one event. */
  const exitHook: ((hook: (done: () => void) => void) => void) & { unhookEvent(event: string): void; hookedEvents(): string[] };
  export default exitHook;
}
