import { useEffect } from 'react';

/** A key as written on buttons and in the `?` overlay, e.g. `Ctrl+L`, `Alt+1`, `?`, `F8`. */
export type KeyName = string;

export function keyName(event: KeyboardEvent): KeyName {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  // Shift is part of a printable character (`?` is Shift+/), but named in combinations.
  const combined = event.ctrlKey || event.metaKey || event.altKey;
  if (event.shiftKey && (event.key.length > 1 || combined)) parts.push('Shift');
  parts.push(key === ' ' ? 'Space' : key);
  return parts.join('+');
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** An open dialog owns Esc (antd closes it); screen-level Esc bindings must not fire as well. */
function dialogOpen(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>('.ant-modal-wrap')).some(
    (el) => el.getClientRects().length > 0,
  );
}

/**
 * Global shortcuts. Plain characters (like `?`) do not fire while the clerk types in a field;
 * function keys and Ctrl/Alt combinations always do.
 */
export function useShortcuts(bindings: Record<KeyName, () => void>, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const name = keyName(event);
      const action = bindings[name];
      if (!action) return;
      const plain = !event.ctrlKey && !event.altKey && !event.metaKey && event.key.length === 1;
      if (plain && isTyping(event.target)) return;
      if (name === 'Escape' && dialogOpen()) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bindings, enabled]);
}
