import { useCallback, useEffect, useRef, useState } from 'react';
import type { Board, QueueNow } from '@yichuang/domain/hall-protocol';
import type { AppErrorShape } from '../../../preload/contract/errors';
import { ticketIssuers } from '../../../preload/contract/roles';
import { useSession } from '../app/session';
import { api } from '../bridge';

/** The board is asked for again this long after each answer, while the screen is shown. */
export const boardEveryMs = 2000;

/**
 * `live`: the last answer was a board. `offline`: the hall cannot be reached (the last board, if
 * any, is kept). `notEnrolled`: no hall to ask. `failed`: main or the hall answered otherwise.
 */
export type BoardConnection = 'loading' | 'live' | 'offline' | 'notEnrolled' | 'failed';

export interface HallBoardState {
  board: Board | null;
  /** The queues' hours, cap and why one is not open (only for the roles that may read them). */
  queues: QueueNow[] | null;
  connection: BoardConnection;
  /** Why the last ask failed (offline or failed); shown in the reader's language. */
  problem: Pick<AppErrorShape, 'code' | 'message' | 'params'> | null;
  refresh: () => Promise<void>;
  /** A board a command answered: shown at once, and asks already on their way are dropped. */
  showBoard: (board: Board) => void;
  showQueues: (queues: QueueNow[]) => void;
}

/**
 * The hall now, asked every `boardEveryMs` while `active` and the page is visible (one ask at a
 * time: the next is timed from the answer, so a slow hall is never asked twice at once).
 */
export function useHallBoard(active: boolean): HallBoardState {
  const role = useSession().state?.user?.role ?? null;
  const readsQueues = role !== null && ticketIssuers.includes(role);
  const [board, setBoard] = useState<Board | null>(null);
  const [queues, setQueues] = useState<QueueNow[] | null>(null);
  const [connection, setConnection] = useState<BoardConnection>('loading');
  const [problem, setProblem] = useState<HallBoardState['problem']>(null);
  /** Bumped by each ask and each command's answer: an older answer arriving later is dropped. */
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const id = ++generation.current;
    const [answer, queuesAnswer] = await Promise.all([
      api.queue.board({}),
      readsQueues ? api.queue.queues({}) : Promise.resolve(null),
    ]);
    if (id !== generation.current) return;
    if (answer.ok) {
      setBoard(answer.value);
      setConnection('live');
      setProblem(null);
    } else {
      const { code } = answer.error;
      setConnection(code === 'hall_not_enrolled' ? 'notEnrolled' : code === 'hall_unreachable' ? 'offline' : 'failed');
      setProblem(answer.error);
    }
    if (queuesAnswer?.ok) setQueues(queuesAnswer.value);
  }, [readsQueues]);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let running = false;
    let timer: number | null = null;
    const hidden = () => document.visibilityState === 'hidden';
    const tick = async () => {
      timer = null;
      if (stopped || running || hidden()) return;
      running = true;
      try {
        await refresh();
      } finally {
        running = false;
      }
      if (!stopped && timer === null) timer = window.setTimeout(() => void tick(), boardEveryMs);
    };
    const onVisibility = () => {
      if (!hidden() && timer === null) void tick();
    };
    void tick();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      if (timer !== null) window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [active, refresh]);

  const showBoard = useCallback((next: Board) => {
    generation.current++;
    setBoard(next);
    setConnection('live');
    setProblem(null);
  }, []);

  const showQueues = useCallback((next: QueueNow[]) => setQueues(next), []);

  return { board, queues, connection, problem, refresh, showBoard, showQueues };
}
