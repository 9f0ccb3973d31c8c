/**
 * For the sync component tests (jsdom): the browser APIs antd needs that jsdom lacks, fixtures,
 * a render helper with the providers the screens expect (session, navigation, sync), and the
 * hooks every test file registers (`setUpComponentTests`).
 */
import { App as AntApp } from 'antd';
import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { ok } from '../../../preload/contract/envelope';
import type { Role } from '../../../preload/contract/roles';
import {
  defaultWorkstationSettings,
  type SessionState,
  type WorkstationSettings,
} from '../../../preload/contract/schemas';
import type { SyncStatus } from '../../../preload/contract/sync';
import { SessionProvider } from '../app/session';
import i18n from '../i18n';
import type { ScreenKey } from '../shell/navigation';
import { NavigationContext, type Navigation } from '../shell/navigation-context';
import { fake } from './fake-bridge';
import { SyncProvider } from './sync-context';
import { QueueProvider } from '../queue/queue-context';

/** matchMedia, ResizeObserver and pseudo-element styles: used by antd, missing in jsdom. */
function installDomStubs(): void {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  if (typeof (window as { matchMedia?: unknown }).matchMedia !== 'function') {
    const matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
    Object.defineProperty(window, 'matchMedia', { value: matchMedia, configurable: true, writable: true });
  }
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computed(element);
}

export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    centralUrl: 'http://127.0.0.1:8790',
    enrolled: true,
    workstationId: 'ws-0001',
    online: true,
    lastContactAt: new Date().toISOString(),
    lastError: null,
    clockSkewMs: 0,
    clockWarning: false,
    backlog: 0,
    needsAttention: 0,
    uploading: null,
    auditCheck: 'ok',
    ...over,
  };
}

/** What settings.get answers in a test: the workstation's defaults (placeholders), changed by `over`. */
export function workstationSettings(over: Partial<WorkstationSettings> = {}): WorkstationSettings {
  return { ...defaultWorkstationSettings, ...over };
}

export function sessionState(role: Role): SessionState {
  return {
    user: { id: 1, username: role, displayName: '王小明', role, windowNumber: 3, mustChangePassword: false },
    locked: false,
    needsSetup: false,
    idleLockMinutes: 10,
    window: null,
    settingsProblems: [],
    defaultLocale: 'zh-CN',
    serverTime: new Date().toISOString(),
  };
}

/** Answers the calls every rendered screen makes: the session (with this role) and the sync status. */
export function answerBasics(role: Role, status: SyncStatus): void {
  fake.handle('session.state', () => ok(sessionState(role)));
  fake.handle('sync.status', () => ok(status));
}

/** Lets pending promises, effects and short timers run. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

function navigationSpy() {
  return {
    go: vi.fn<(screen: ScreenKey) => void>(),
    openCase: vi.fn<(caseId: string) => void>(),
    continueDraft: vi.fn<(caseId: string) => void>(),
  } satisfies Navigation;
}

/** Waits (letting React work) until `check` holds; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('waitFor: condition not met in time');
    await settle(20);
  }
}

export interface Rendered {
  host: HTMLElement;
  navigation: ReturnType<typeof navigationSpy>;
  /** Unmounts and removes the host (once; later calls do nothing). */
  unmount: () => void;
}

/** What `render` mounted and no one has unmounted yet. */
const mounted = new Set<Rendered>();

/**
 * Registers the hooks of a sync component test file: the DOM stubs once, a fresh fake bridge
 * before each test, and after it everything `render` mounted unmounted and the body emptied.
 */
export function setUpComponentTests(): void {
  beforeAll(installDomStubs);
  beforeEach(() => fake.reset());
  afterEach(() => {
    for (const view of mounted) view.unmount();
    document.body.innerHTML = '';
  });
}

/** Renders `ui` in antd's App, the session, a navigation spy and the sync and queue providers. */
export async function render(ui: ReactElement): Promise<Rendered> {
  await i18n.changeLanguage('zh-CN');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const navigation = navigationSpy();
  act(() => {
    root.render(
      <AntApp>
        <SessionProvider>
          <NavigationContext.Provider value={navigation}>
            <SyncProvider active>
              <QueueProvider active>{ui}</QueueProvider>
            </SyncProvider>
          </NavigationContext.Provider>
        </SessionProvider>
      </AntApp>,
    );
  });
  await settle();
  const view: Rendered = {
    host,
    navigation,
    unmount: () => {
      if (!mounted.delete(view)) return;
      act(() => root.unmount());
      host.remove();
    },
  };
  mounted.add(view);
  return view;
}

/** Types into an input as a person would (React sees the change). */
export function typeInto(input: HTMLInputElement, value: string): void {
  act(() => {
    // Through the prototype's setter, as the browser does: React's value tracker sees a change.
    Reflect.set(HTMLInputElement.prototype, 'value', value, input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function byTestId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const found = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no element with data-testid="${id}"`);
  return found;
}
