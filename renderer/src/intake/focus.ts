import { createContext, useContext, type KeyboardEvent } from 'react';
import type { FieldProblem } from '../../../preload/contract/intake';
import { useCodeText } from '../lib/result';

/**
 * Moves focus to the first empty field the clerk must type (after a card read or a matter): the
 * applicant's phone — the one thing an ID card does not carry — then the form's fields.
 */
export function focusFirstEmpty(): void {
  window.setTimeout(() => {
    const inputs = document.querySelectorAll<HTMLInputElement>(
      '[data-field="person.phone"] input, input[data-field="person.phone"], .matter-form .ant-form-item-required + * input, .matter-form input',
    );
    for (const input of inputs) {
      if (!input.value) {
        input.focus();
        return;
      }
    }
  }, 50);
}

/** Focuses the input of a field by its path (`person.idNumber`, `form.residenceSince`); false when not on screen. */
export function focusField(path: string): boolean {
  const marked = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`);
  const target = marked?.matches('input, textarea') ? marked : marked?.querySelector<HTMLElement>('input, textarea');
  if (!target) return false;
  target.focus();
  return true;
}

export interface FieldCheck {
  /** The fields the clerk has left (by path): their problems show from then on, as they are corrected too. */
  left: ReadonlySet<string>;
  /** After a decision was refused: every problem shows, empty required fields included. */
  showAll: boolean;
  leave: (path: string) => void;
}

export const FieldCheckContext = createContext<FieldCheck>({
  left: new Set(),
  showAll: false,
  leave: () => undefined,
});

interface FieldCheckOptions {
  /** Tidies a value as the field is left (a date typed as 20260301); answers the value itself when there is nothing to tidy. */
  normalize?: (value: string) => string;
  commit?: (value: string) => void;
  /** The problem of a tidied value. */
  recheck?: (value: string) => FieldProblem | null;
}

/**
 * One field checked as the clerk leaves it: a value being typed is not wrong yet, so its problem
 * shows once the field is left; Tab out of a field whose value is wrong keeps the focus there, and
 * the message says what to fix. Empty required fields are named when a decision is refused.
 */
export function useFieldCheck(
  path: string,
  value: string,
  problem: FieldProblem | undefined,
  options: FieldCheckOptions = {},
) {
  const check = useContext(FieldCheckContext);
  const codeText = useCodeText();
  const typed = value.trim() !== '';
  // The problem comes as a code: said here, in the clerk's language.
  const shown = problem && (check.showAll || (typed && check.left.has(path))) ? codeText(problem) : undefined;
  const tidy = (): { value: string; problem: FieldProblem | undefined } => {
    const { normalize, commit, recheck } = options;
    const next = normalize ? normalize(value) : value;
    if (next === value) return { value, problem };
    commit?.(next);
    return { value: next, problem: recheck?.(next) ?? undefined };
  };
  return {
    problem: shown,
    input: {
      'data-field': path,
      onBlur: () => {
        tidy();
        check.leave(path);
      },
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key !== 'Tab') return;
        const now = tidy();
        if (!now.problem || now.value.trim() === '') return;
        event.preventDefault();
        check.leave(path);
      },
    },
  };
}
