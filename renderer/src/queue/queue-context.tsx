import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@yichuang/domain/hall-protocol';
import type { QueueCommandResult, QueueStatus, TicketAction } from '../../../preload/contract/queue';
import type { Result } from '../../../preload/contract/envelope';
import { intakeRoles } from '../../../preload/contract/roles';
import { useSession } from '../app/session';
import { api, bridge } from '../bridge';
import { useRun } from '../lib/result';
import { useNavigation } from '../shell/navigation-context';

interface QueueContextValue {
  /** The window's queue as main last said (null until the first answer). */
  status: QueueStatus | null;
  /** Whether this person calls tickets (the roles that take cases). */
  calls: boolean;
  busy: boolean;
  /** Bumped each time a ticket is called to this window: the intake starts afresh for it. */
  calledCount: number;
  callNext: () => Promise<Ticket | null>;
  recall: () => Promise<void>;
  act: (ticketId: string, action: TicketAction) => Promise<void>;
  transfer: (ticketId: string, target: { toQueue?: string; toWindow?: number }) => Promise<boolean>;
  walkIn: () => Promise<void>;
  /** A skipped ticket back in line (过号重排); true when the hall took it. */
  rejoin: (number: string) => Promise<boolean>;
  /** The last ticket this window skipped, to offer when its citizen comes back. */
  lastSkipped: string | null;
  /** The clerk started on the citizen's case: the called ticket is now being served. */
  startServing: () => void;
  /** The intake closed on a decided case: its ticket is finished. */
  finishServed: () => void;
}

const QueueContext = createContext<QueueContextValue | null>(null);

/**
 * The hall queue as the window sees it: asked with 'queue.status' (which also tells the hall who
 * serves here), then kept current by main's 'queue.changed'. Each press goes to main at once; a
 * refusal or an unreachable hall is shown as a message and nothing is kept for later.
 */
export function QueueProvider({ children, active }: { children: ReactNode; active: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const navigation = useNavigation();
  const role = useSession().state?.user?.role ?? null;
  const calls = role !== null && intakeRoles.includes(role);
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [calledCount, setCalledCount] = useState(0);
  const [lastSkipped, setLastSkipped] = useState<string | null>(null);
  const live = useRef(status);
  useLayoutEffect(() => {
    live.current = status;
  });

  useEffect(() => bridge.on('queue.changed', setStatus), []);
  useEffect(() => {
    if (!active) return;
    void api.queue.status({}).then((r) => r.ok && setStatus(r.value));
  }, [active]);

  const command = useCallback(
    async (call: Promise<Result<QueueCommandResult>>): Promise<QueueCommandResult | null> => {
      setBusy(true);
      try {
        const result = await run(call);
        if (result) setStatus(result.status);
        return result;
      } finally {
        setBusy(false);
      }
    },
    [run],
  );

  const callNext = useCallback(async () => {
    const result = await command(api.queue.callNext({}));
    if (!result) return null;
    if (!result.ticket) {
      void message.info(t('queue.nobodyWaiting'));
      return null;
    }
    void message.success(t('queue.called', { number: result.ticket.number ?? t('queue.walkInTicket') }));
    setCalledCount((n) => n + 1);
    navigation.go('workbench');
    return result.ticket;
  }, [command, message, navigation, t]);

  const current = () => live.current?.window?.current ?? null;

  const value = useMemo<QueueContextValue>(
    () => ({
      status,
      calls,
      busy,
      calledCount,
      callNext,
      async recall() {
        const ticket = current();
        if (ticket?.state === 'called') await command(api.queue.recall({ ticketId: ticket.id }));
      },
      async act(ticketId, action) {
        const result = await command(api.queue.act({ ticketId, action }));
        if (action === 'skip' && result?.ticket?.number) setLastSkipped(result.ticket.number);
      },
      lastSkipped,
      async rejoin(number) {
        const result = await command(api.queue.rejoin({ number }));
        if (!result?.ticket) return false;
        void message.success(t('queue.rejoined', { number: result.ticket.number ?? number }));
        if (result.ticket.number === lastSkipped) setLastSkipped(null);
        return true;
      },
      async transfer(ticketId, target) {
        const moved = (await command(api.queue.transfer({ ticketId, ...target })))?.ticket;
        if (!moved) return false;
        // A walk-in sent on has a number now: the clerk tells it to the citizen.
        void message.success(
          t('queue.transferred', { number: moved.number ?? t('queue.walkInTicket'), queue: moved.queueName }),
        );
        return true;
      },
      async walkIn() {
        if ((await command(api.queue.walkIn({})))?.ticket) setCalledCount((n) => n + 1);
      },
      startServing() {
        const ticket = current();
        if (ticket?.state === 'called') void command(api.queue.act({ ticketId: ticket.id, action: 'serve' }));
      },
      finishServed() {
        const ticket = current();
        const decided = live.current?.currentCase;
        if (ticket && decided && (ticket.state === 'serving' || ticket.state === 'called'))
          void command(api.queue.act({ ticketId: ticket.id, action: 'finish' }));
      },
    }),
    [status, calls, busy, calledCount, callNext, command, lastSkipped, message, t],
  );
  return <QueueContext.Provider value={value}>{children}</QueueContext.Provider>;
}

export function useQueue(): QueueContextValue {
  const value = useContext(QueueContext);
  if (!value) throw new Error('useQueue outside QueueProvider');
  return value;
}
