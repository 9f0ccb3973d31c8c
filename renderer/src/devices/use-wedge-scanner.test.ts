// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useWedgeScanner, type WedgeScan } from './use-wedge-scanner';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Probe({ onScan }: { onScan: (scan: WedgeScan) => void }) {
  useWedgeScanner(onScan);
  return null;
}

let root: Root;
let host: HTMLElement;
let input: HTMLInputElement;
let onScan: ReturnType<typeof vi.fn<(scan: WedgeScan) => void>>;
let clock = 1000;

function press(target: EventTarget, key: string, gap: number, init: KeyboardEventInit = {}): KeyboardEvent {
  clock += gap;
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'timeStamp', { value: clock });
  target.dispatchEvent(event);
  return event;
}

beforeEach(() => {
  host = document.createElement('div');
  input = document.createElement('input');
  document.body.append(host, input);
  onScan = vi.fn<(scan: WedgeScan) => void>();
  root = createRoot(host);
  act(() => root.render(createElement(Probe, { onScan })));
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  input.remove();
});

describe('useWedgeScanner', () => {
  it('reports a scan typed into a field, swallowing only its Enter', () => {
    const events = [...'6901234567892'].map((key) => press(input, key, 5));
    const enter = press(input, 'Enter', 5);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
    expect(enter.defaultPrevented).toBe(true);
    expect(onScan).toHaveBeenCalledWith({ code: '6901234567892', symbology: 'ean13' });
  });

  it('swallows a burst outside fields before other listeners see it', () => {
    const seen: string[] = [];
    const listener = (event: KeyboardEvent) => seen.push(event.key);
    window.addEventListener('keydown', listener);
    try {
      for (const key of 'https://a.cn/x') press(document.body, key, 3);
      press(document.body, 'Enter', 3);
    } finally {
      window.removeEventListener('keydown', listener);
    }
    expect(seen).toEqual(['h']);
    expect(onScan).toHaveBeenCalledWith({ code: 'https://a.cn/x', symbology: 'qr' });
  });

  it('never treats Ctrl combinations or held keys as part of a scan', () => {
    for (const key of '1234') press(input, key, 5);
    press(input, 'v', 5, { ctrlKey: true });
    press(input, 'Enter', 5);
    for (const key of '5678') press(input, key, 5, { repeat: true });
    press(input, 'Enter', 5);
    expect(onScan).not.toHaveBeenCalled();
  });

  it('stops listening when unmounted', () => {
    act(() => root.unmount());
    for (const key of '12345') press(input, key, 5);
    press(input, 'Enter', 5);
    expect(onScan).not.toHaveBeenCalled();
    root = createRoot(host);
  });
});
