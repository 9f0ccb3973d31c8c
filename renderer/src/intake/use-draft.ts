import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail } from '../../../preload/contract/cases';
import type { CaseDraft } from '@yichuang/domain/cases';
import type { AppErrorShape } from '../../../preload/contract/errors';
import { api } from '../bridge';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; error: AppErrorShape };

/** How long after the last change the draft is saved: short enough that a crash loses nothing typed. */
const saveDelayMs = 300;

export interface DraftHandle {
  detail: CaseDetail | null;
  draft: CaseDraft | null;
  save: SaveState;
  /** Applies a change to the draft; it is saved shortly after, and every change is kept. */
  update: (change: (draft: CaseDraft) => CaseDraft) => void;
  /** Saves what is pending now and answers the revision to decide on (null when saving failed). */
  flush: () => Promise<number | null>;
  /** Loads a case into the screen (a new draft, a recovered one, or a decided one to show its result). */
  load: (detail: CaseDetail | null) => void;
  /** The case loaded last, at once (the state above follows on the next render). */
  loaded: () => CaseDetail | null;
}

/**
 * The case being taken: the draft lives here while the clerk works and is autosaved to main on
 * every change (one save at a time, the latest content wins), so a crash or a reload loses
 * nothing. A save that fails keeps the draft on screen and says why.
 */
export function useDraft(): DraftHandle {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [draft, setDraft] = useState<CaseDraft | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });

  const current = useRef<{ caseId: string | null; revision: number; draft: CaseDraft | null; dirty: boolean }>({
    caseId: null,
    revision: 0,
    draft: null,
    dirty: false,
  });
  const inFlight = useRef<Promise<number | null> | null>(null);
  const loadedDetail = useRef<CaseDetail | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const saveNow = useCallback((): Promise<number | null> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const run = async (): Promise<number | null> => {
      if (inFlight.current) await inFlight.current;
      const c = current.current;
      if (!c.caseId || !c.draft) return null;
      if (!c.dirty) return c.revision;
      const caseId = c.caseId;
      const content = c.draft;
      c.dirty = false;
      setSave({ kind: 'saving' });
      const result = await api.cases.saveDraft({ caseId, revision: c.revision, draft: content });
      if (current.current.caseId !== caseId) return null;
      if (!result.ok) {
        current.current.dirty = true;
        setSave({ kind: 'failed', error: result.error });
        return null;
      }
      current.current.revision = result.value.revision;
      setSave(current.current.dirty ? { kind: 'pending' } : { kind: 'saved', at: result.value.savedAt });
      return result.value.revision;
    };
    const promise = run();
    inFlight.current = promise;
    void promise.finally(() => {
      if (inFlight.current === promise) inFlight.current = null;
    });
    return promise;
  }, []);

  const update = useCallback(
    (change: (draft: CaseDraft) => CaseDraft) => {
      const c = current.current;
      if (!c.draft) return;
      c.draft = change(c.draft);
      c.dirty = true;
      setDraft(c.draft);
      setSave({ kind: 'pending' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), saveDelayMs);
    },
    [saveNow],
  );

  const flush = useCallback(async () => {
    let revision = await saveNow();
    // A change made while the last save was in flight is saved too before a decision.
    while (current.current.dirty && revision !== null) revision = await saveNow();
    return revision;
  }, [saveNow]);

  const load = useCallback((next: CaseDetail | null) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    current.current = {
      caseId: next?.id ?? null,
      revision: next?.revision ?? 0,
      draft: next?.draft ?? null,
      dirty: false,
    };
    loadedDetail.current = next;
    setDetail(next);
    setDraft(next?.draft ?? null);
    setSave(next ? { kind: 'saved', at: next.updatedAt } : { kind: 'idle' });
  }, []);

  // Leaving the screen (or the page) saves what is pending.
  useEffect(() => {
    const onHide = () => void saveNow();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void saveNow();
    };
  }, [saveNow]);

  const loaded = useCallback(() => loadedDetail.current, []);

  return { detail, draft, save, update, flush, load, loaded };
}
