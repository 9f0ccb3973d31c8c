import type { Page } from '@playwright/test';

/**
 * Counts what a clerk does at the window, the way the issue counts it: every key press and every
 * click that reaches the page (trusted events, read in the page itself: a modifier chord such as
 * Ctrl+P is one press), and each typed text as one field (`typed`). A card put on the simulated
 * reader is done by another page (the device), so it counts as nothing here.
 */
export interface ActionCounter {
  /** Types `text` into the focused field as one typed field (its key presses are not counted). */
  typed(text: string): Promise<void>;
  /** Fills a field as one typed field (the click or key that put the focus there counts on its own). */
  fill(fill: () => Promise<void>): Promise<void>;
  /** Key presses and clicks so far, and the typed fields. */
  read(): Promise<{ actions: number; keys: number; clicks: number; typedFields: number }>;
}

interface Tally {
  keys: number;
  clicks: number;
  paused: boolean;
}

const modifiers = new Set(['Shift', 'Control', 'Alt', 'Meta']);

export async function countActions(page: Page): Promise<ActionCounter> {
  await page.evaluate(
    (mods: string[]) => {
      // The e2e project has no DOM types: the little of the page this needs, typed here.
      interface KeyEvent {
        isTrusted: boolean;
        repeat: boolean;
        key: string;
      }
      interface PageWindow {
        __tally?: Tally;
        addEventListener(type: string, listener: (e: KeyEvent) => void, capture: boolean): void;
      }
      const w = globalThis as unknown as PageWindow;
      if (w.__tally) return;
      const tally: Tally = { keys: 0, clicks: 0, paused: false };
      w.__tally = tally;
      const modifierKeys = new Set(mods);
      w.addEventListener(
        'keydown',
        (e) => {
          if (e.isTrusted && !e.repeat && !tally.paused && !modifierKeys.has(e.key)) tally.keys += 1;
        },
        true,
      );
      w.addEventListener(
        'mousedown',
        (e) => {
          if (e.isTrusted && !tally.paused) tally.clicks += 1;
        },
        true,
      );
    },
    [...modifiers],
  );
  let typedFields = 0;
  const pause = (paused: boolean) =>
    page.evaluate((p) => {
      (globalThis as unknown as { __tally: Tally }).__tally.paused = p;
    }, paused);
  return {
    async typed(text) {
      await pause(true);
      await page.keyboard.type(text);
      await pause(false);
      typedFields += 1;
    },
    async fill(fill) {
      await pause(true);
      await fill();
      await pause(false);
      typedFields += 1;
    },
    async read() {
      const t = await page.evaluate(() => (globalThis as unknown as { __tally: Tally }).__tally);
      return { actions: t.keys + t.clicks, keys: t.keys, clicks: t.clicks, typedFields };
    },
  };
}
