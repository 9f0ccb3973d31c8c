import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, screen, type WebContents } from 'electron';
import { z } from 'zod';
import type { CitizenDisplays } from '../../citizen/displays';
import type { Logger } from '../../logging/logger';
import { writePrivateFile } from '../../security/private-files';
import {
  citizenDisplays,
  placeCitizen,
  samePlacement,
  type CitizenPlacement,
  type PlacementDisplay,
  type Rect,
  type RememberedDisplay,
} from './citizen-placement';
import { createSecureWindow } from './policy';
import { rendererEntry } from './window';

export interface CitizenScreenOptions {
  /** The built preload's folder: the citizen window speaks the same bridge as the clerk's. */
  preloadDir: string;
  /** The JSON file the clerk's choice of display is remembered in. */
  stateFile: string;
  /** The clerk's window: the citizen window never covers its display, and closes with it. */
  mainWindow: BrowserWindow;
  /** Called for each citizen window made, once its web contents exists, to pair the two sessions. */
  attach(mainContents: WebContents, citizenContents: WebContents): void;
  log: Logger;
}

const stateSchema = z.object({ displayId: z.number().int().nullable() });

/** The remembered choice; a missing or broken file is "never chosen" (the window still opens). */
function readRemembered(file: string, log: Logger): RememberedDisplay {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn({ err: error }, 'citizen screen choice unreadable');
    return undefined;
  }
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.displayId;
  } catch {
    // Not JSON: reported below like a file of the wrong shape.
  }
  log.warn('citizen screen choice malformed; treated as never chosen');
  return undefined;
}

/**
 * A full-screen window does not move between displays: it leaves full screen, takes the target's
 * bounds, and fills it again. The bounds come first because a window that is not focusable is out
 * of the window manager's hands on Linux, where full screen may then not take effect; covering the
 * display's whole bounds does the same.
 */
function fill(win: BrowserWindow, bounds: Rect): void {
  if (win.isFullScreen()) win.setFullScreen(false);
  win.setBounds(bounds);
  // Inactive: the clerk's window keeps the keyboard.
  if (!win.isVisible()) win.showInactive();
  win.setFullScreen(true);
}

/**
 * The citizen screen (双屏) of the Electron host: a second window of the same renderer
 * (`#screen=citizen`) full screen on the display facing the citizen, placed by the rules of
 * `citizen-placement.ts` and placed again whenever displays come and go or the clerk's window
 * changes display. The panel (one display, or the clerk's choice) means no window at all.
 */
export function openCitizenScreen(options: CitizenScreenOptions): CitizenDisplays {
  const { mainWindow, log } = options;
  let remembered = readRemembered(options.stateFile, log);
  let placement: CitizenPlacement = { kind: 'panel' };
  let win: BrowserWindow | null = null;
  let clerkDisplayId: number | null = null;
  let ended = false;
  const listeners: (() => void)[] = [];

  function displays(): PlacementDisplay[] {
    const primary = screen.getPrimaryDisplay().id;
    return screen.getAllDisplays().map((d) => ({
      id: d.id,
      bounds: d.bounds,
      workArea: d.workArea,
      primary: d.id === primary,
      internal: d.internal,
      scaleFactor: d.scaleFactor,
    }));
  }

  function clerkDisplay(): number | null {
    return mainWindow.isDestroyed() ? null : screen.getDisplayMatching(mainWindow.getBounds()).id;
  }

  function notify(): void {
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        // A screen event's handler must not throw into Electron's event loop.
        log.warn({ err: error }, 'citizen display listener failed');
      }
    }
  }

  function open(bounds: Rect): BrowserWindow {
    // Made on the target display already, so it never flashes on the clerk's.
    const citizen = createSecureWindow(
      BrowserWindow,
      {
        ...bounds,
        frame: false,
        focusable: false,
        skipTaskbar: true,
        show: false,
        title: '一窗 Yichuang',
        backgroundColor: '#ffffff',
      },
      { preload: join(options.preloadDir, 'index.js'), spellcheck: false },
    );
    // The latest placement, which may have changed while the page loaded.
    citizen.once('ready-to-show', () => {
      if (win === citizen && placement.kind === 'window') fill(citizen, placement.bounds);
    });
    citizen.once('closed', () => {
      if (win !== citizen) return;
      // Closed by something other than us: the next placement opens a new one.
      win = null;
      notify();
    });
    options.attach(mainWindow.webContents, citizen.webContents);
    void citizen.loadURL(`${rendererEntry()}#screen=citizen`);
    return citizen;
  }

  function place(): void {
    if (ended) return;
    clerkDisplayId = clerkDisplay();
    const next = placeCitizen(displays(), clerkDisplayId, remembered);
    const moved = !samePlacement(placement, next);
    placement = next;
    if (next.kind === 'panel') {
      const old = win;
      win = null;
      // Destroyed, not closed: a page cannot hold it open, and its session ends with its contents.
      old?.destroy();
    } else if (!win) {
      win = open(next.bounds);
    } else if (moved && win.isVisible()) {
      fill(win, next.bounds);
    }
    notify();
  }

  const onDisplays = () => place();
  screen.on('display-added', onDisplays);
  screen.on('display-removed', onDisplays);
  screen.on('display-metrics-changed', onDisplays);
  // `move` fires all through a drag; only a change of display matters.
  mainWindow.on('move', () => {
    if (clerkDisplay() !== clerkDisplayId) place();
  });
  // With the clerk's window gone the app quits: a citizen window left open would keep it running.
  mainWindow.once('closed', () => {
    ended = true;
    screen.off('display-added', onDisplays);
    screen.off('display-removed', onDisplays);
    screen.off('display-metrics-changed', onDisplays);
    const old = win;
    win = null;
    old?.destroy();
  });
  place();

  return {
    list: () => citizenDisplays(displays(), clerkDisplay()),
    // Where the citizen screen is now: the remembered display, or the one it fell back to while
    // that one is unplugged or under the clerk's window (the remembered id is kept for its return).
    chosen: () => (placement.kind === 'window' ? placement.displayId : null),
    choose(displayId) {
      // Unplugged since the clerk's screen listed it: that screen has been told (onChange).
      if (displayId !== null && !screen.getAllDisplays().some((d) => d.id === displayId)) return;
      remembered = displayId;
      try {
        writePrivateFile(options.stateFile, `${JSON.stringify({ displayId })}\n`);
      } catch (error) {
        // The window still moves; the choice holds until the app restarts.
        log.warn({ err: error }, 'citizen screen choice not saved');
      }
      place();
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
