/**
 * The displays a citizen window can go to. Only the Electron host has them (`main/platform/electron/
 * citizen-window.ts` implements this with Electron's `screen`); the browser host has none, and its
 * citizen screen is a page paired by code.
 */
export interface CitizenDisplay {
  id: number;
  /** How the clerk tells them apart: 显示器 2（1920×1080）. */
  label: string;
  width: number;
  height: number;
  primary: boolean;
}

export interface CitizenDisplays {
  list(): CitizenDisplay[];
  /** The display the clerk chose (remembered across restarts); null: the in-window panel. */
  chosen(): number | null;
  /** Moves the citizen window to that display (remembered), or closes it for the panel (null). */
  choose(displayId: number | null): void;
  /** Displays were added or removed, or the window moved: the clerk's screen is told. */
  onChange(listener: () => void): void;
}
