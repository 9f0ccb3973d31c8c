// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { takeToken, tokenStorageKey } from './token';

describe('the browser host token', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('is taken from the address, kept for the tab, and removed from the address bar', () => {
    window.history.replaceState(null, '', '/#token=abc123');
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('abc123');
    expect(window.location.href).not.toContain('abc123');
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.getItem(tokenStorageKey)).toBe('abc123');
  });

  it('is found again on a reload, when the address no longer has it', () => {
    window.history.replaceState(null, '', '/#token=abc123');
    takeToken(window.location, window.history, window.sessionStorage);
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('abc123');
  });

  it("takes a restarted host's new token over the one kept, and leaves the rest of the fragment", () => {
    window.sessionStorage.setItem(tokenStorageKey, 'old');
    window.history.replaceState(null, '', '/?x=1#token=new&view=2');
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('new');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#view=2');
  });

  it('is empty when neither the address nor the tab has one', () => {
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('');
  });
});
