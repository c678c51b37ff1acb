/** The root component: reads the store, routes keys through the keymap, draws the current screen. */
import { Box, useInput, useStdout } from 'ink';
import { type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import type { Intent } from '../command.js';
import { keyAction, splitKeys } from '../keymap.js';
import type { Store } from '../store.js';
import { HelpView } from './help-view.js';
import { LabScreen } from './lab-screen.js';
import { LabsScreen } from './labs-screen.js';
import { StatusLine } from './status-line.js';
import { TextPane } from './text-pane.js';

/** Props: the store, and what to do with intents (the effects). */
export interface AppProps {
  store: Store;
  onIntent(i: Intent): void;
  /** The clock for uptimes (tests pass a fixed one). */
  now?: () => number;
  /** Follow the terminal's size (default); tests set the size in the store instead. */
  followTerminal?: boolean;
}

/** Follows the terminal size into the store. */
function useResize(store: Store, on: boolean): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (!on) return;
    const update = (): void => store.dispatch({ type: 'resize', cols: stdout.columns || 80, rows: stdout.rows || 24 });
    update();
    stdout.on('resize', update);
    return () => void stdout.off('resize', update);
  }, [stdout, store, on]);
}

/** The time for uptimes, to the minute: the screen redraws for it once a minute, not every second. */
function useTick(now: () => number): number {
  const [t, setT] = useState(() => Math.floor(now() / 60_000) * 60_000);
  useEffect(() => {
    const id = setInterval(() => setT(Math.floor(now() / 60_000) * 60_000), 1000);
    return () => clearInterval(id);
  }, [now]);
  return t;
}

export function App({ store, onIntent, now = Date.now, followTerminal = true }: AppProps) {
  const s = useSyncExternalStore(store.subscribe, store.get);
  const t = useTick(now);
  useResize(store, followTerminal);
  useInput((input, key) => {
    for (const [one, flags] of splitKeys(input, key)) {
      const r = keyAction(store.get(), one, flags);
      store.dispatch(...r.actions);
      for (const i of r.intents) onIntent(i);
    }
  });
  const body = s.size.rows - 1;
  let screen: ReactNode;
  if (s.help) screen = <HelpView height={body} />;
  else if (s.overlay)
    screen = <TextPane title={`${s.overlay.title}  (Esc closes)`} lines={s.overlay.lines} focused height={body} />;
  else if (s.screen === 'lab' && s.lab) screen = <LabScreen s={s} now={t} />;
  else screen = <LabsScreen labs={s.labs} cursor={s.labsCursor} height={body} now={t} />;
  return (
    <Box flexDirection="column" width={s.size.cols} height={s.size.rows}>
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        {screen}
      </Box>
      <StatusLine s={s} />
    </Box>
  );
}
