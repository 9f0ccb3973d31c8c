import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** What the page.evaluate callback below uses of the browser's DOM (e2e code has no DOM types). */
declare const document: { querySelector(selector: string): { matches(selector: string): boolean } | null };

/** One critical or serious violation at one place: the rule and the element (axe's selector). */
export interface AxeFinding {
  rule: string;
  selector: string;
  impact: string;
  help: string;
  /** The element's opening tag, and for contrast the colours axe measured. */
  html: string;
  detail: string;
}

/** A finding known and waiting for its fix elsewhere, with the reason it is allowed for now. */
export interface PendingAxeFinding {
  rule: string;
  selector: string;
  reason: string;
}

/** Runs axe (WCAG 2 A and AA rules) on the page as it is now; answers its critical and serious findings. */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        selector: n.target.join(' '),
        impact: v.impact ?? '',
        help: v.help,
        html: n.html.slice(0, 200),
        detail: n.any[0]?.message ?? '',
      })),
    );
}

const describe = (f: AxeFinding) => `${f.impact} ${f.rule}: ${f.help} at ${f.selector} (${f.html}) ${f.detail}`;

/** For each finding, the pending entries it is (same rule, its element matches the entry's selector). */
async function pendingOf(
  page: Page,
  findings: readonly AxeFinding[],
  pending: readonly PendingAxeFinding[],
): Promise<number[][]> {
  if (pending.length === 0) return findings.map(() => []);
  const plain = (list: readonly { rule: string; selector: string }[]) =>
    list.map(({ rule, selector }) => ({ rule, selector }));
  return page.evaluate(
    ([found, allowed]) =>
      found.map((f) => {
        const element = document.querySelector(f.selector);
        return allowed.flatMap((p, i) => (p.rule === f.rule && element?.matches(p.selector) ? [i] : []));
      }),
    [plain(findings), plain(pending)] as const,
  );
}

/**
 * Expects no critical or serious violation, naming each one it finds (rule, help, where). A finding
 * whose element matches a `pending` entry's selector (same rule) is let through; a pending entry
 * that matches nothing fails too (the list only shrinks: take the entry out when its fix is in).
 */
export async function expectNoSeriousAxeViolations(
  page: Page,
  pending: readonly PendingAxeFinding[] = [],
): Promise<void> {
  const findings = await seriousAxeFindings(page);
  const matched = await pendingOf(page, findings, pending);
  expect(findings.filter((_, i) => matched[i]!.length === 0).map(describe)).toEqual([]);
  const gone = pending.filter((_, i) => !matched.some((m) => m.includes(i)));
  expect(gone.map((p) => `fixed, take it off the pending list: ${p.rule} at ${p.selector}`)).toEqual([]);
}
