// What the intake screen remembers across visits and reloads: card reads already taken, scans
// already attached, and how recent a read or a scan must be to be offered.

/**
 * Card reads already taken into a case: a read fills one case, once, also across a reload (when
 * the unfinished draft is offered instead of a new case being started from the same card).
 */
const usedReadsKey = 'yichuang.usedCardReads';
export const usedReads = {
  list(): string[] {
    try {
      const value: unknown = JSON.parse(window.sessionStorage.getItem(usedReadsKey) ?? '[]');
      return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  },
  has(readId: string): boolean {
    return this.list().includes(readId);
  },
  add(readId: string): void {
    window.sessionStorage.setItem(usedReadsKey, JSON.stringify([readId, ...this.list()].slice(0, 50)));
  },
};
/** Hot-folder arrivals attached to a case on this page: each scan is attached once. */
export const attachedArrivals = new Set<string>();
/** Arrivals this recent that no screen took are offered when the intake screen opens. */
export const recentArrivalMs = 30 * 60 * 1000;

/** A card read this recently is taken when the intake screen opens. */
export const recentReadMs = 2 * 60 * 1000;

/** What the card fills (the applicant or the agent), per draft, kept while the clerk visits another screen. */
export const cardSlots = new Map<string, 'person' | 'agent'>();

/**
 * Scan jobs started from this window's intake (job id → the case its pages belong to, and the page
 * a rescan replaces), and the pages already taken onto a case: kept while the clerk visits another
 * screen, so pages scanned meanwhile are taken when the intake opens again, each once.
 */
export const scanJobs = new Map<string, { caseId: string; replaces: number | null }>();
export const attachedScanPages = new Set<string>();
