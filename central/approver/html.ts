/**
 * A small HTML toolkit for the approver page: a tagged template that escapes every value it is
 * given unless the value is already `SafeHtml` (made by `html` itself, or `trusted` for our own
 * constant strings). Nothing typed by a clerk, citizen or approver reaches a page unescaped.
 */

import { hallDateTime, hallShown, hallToday } from '@yichuang/domain/hall-time';

export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and for double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.html;
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** `html\`<td>${name}</td>\``: the literal parts as written, every value escaped (arrays joined). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Our own constant markup or CSS, never anything that came in with a request or from the database. */
export function trusted(constant: string): SafeHtml {
  return new SafeHtml(constant);
}

/** `2026-11-27 09:05` on the hall's clock (Beijing), from an ISO timestamp; '—' for none, the text itself if unreadable. */
export function formatTime(iso: string | null | undefined): string {
  return hallShown(hallDateTime, iso);
}

/** Today's hall date (`YYYY-MM-DD`) by central's clock. */
export function chinaDate(now: Date): string {
  return hallToday(now);
}

/** A GET link with query parameters, encoded. */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
