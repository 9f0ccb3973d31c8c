/**
 * Line breaking for Chinese text with Latin runs in it. A line may break between any two Chinese
 * characters, but never before closing punctuation or after opening punctuation (避头尾); runs of
 * ASCII letters, digits and signs (case numbers, dates, URLs) stay whole unless one is wider than
 * a line. Spaces hang at the end of a line. No character is dropped: the lines concatenated give
 * the text without its '\n's.
 */

/** Width of a string in pt. */
export type WidthOf = (text: string) => number;

/** Punctuation that may not start a line. */
export const closingPunctuation = new Set('，。、；：？！）」』》〉】〕〗〙〛｝］’”…‥％‰·｡､,.;:!?)]}%'.split(''));
/** Punctuation that may not end a line. */
export const openingPunctuation = new Set('（「『《〈【〔〖〘〚｛［‘“([{'.split(''));

export interface BreakOptions {
  /** Width of every line, or of line i (counted over the whole text), e.g. narrower beside a QR code. */
  width: number | ((line: number) => number);
  /** Taken from the width of the first line of each paragraph (the text and every '\n' start one). */
  firstLineIndent?: number;
}

interface Unit {
  text: string;
  width: number;
  space: boolean;
  /** One character of an ASCII run too wide for a line: it may break anywhere inside the run. */
  run: number;
}

const EPSILON = 1e-6;

const isSpace = (char: string) => char === ' ' || char === '\t';
const isAscii = (char: string) => {
  const cp = char.codePointAt(0) ?? 0;
  return cp > 0x20 && cp < 0x7f;
};

function units(paragraph: string, widthOf: WidthOf, splitAbove: number): Unit[] {
  const out: Unit[] = [];
  let run = '';
  let kind: 'space' | 'ascii' | null = null;
  let nextRun = 1;
  const flush = () => {
    if (run === '') return;
    const width = widthOf(run);
    if (kind === 'ascii' && width > splitAbove + EPSILON && [...run].length > 1) {
      const id = nextRun++;
      for (const char of run) out.push({ text: char, width: widthOf(char), space: false, run: id });
    } else {
      out.push({ text: run, width, space: kind === 'space', run: 0 });
    }
    run = '';
    kind = null;
  };
  for (const char of paragraph) {
    const charKind = isSpace(char) ? 'space' : isAscii(char) ? 'ascii' : null;
    if (charKind !== kind) flush();
    if (charKind === null) {
      out.push({ text: char, width: widthOf(char), space: false, run: 0 });
    } else {
      run += char;
      kind = charKind;
    }
  }
  flush();
  return out;
}

function first(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) ?? 0);
}

function last(text: string): string {
  const chars = [...text];
  return chars[chars.length - 1] ?? '';
}

/** Whether a line may end after `a` and the next begin with `b`. */
function mayBreak(a: Unit, b: Unit): boolean {
  if (b.space) return false;
  if (a.run !== 0 && a.run === b.run) return true;
  if (closingPunctuation.has(first(b.text))) return false;
  if (a.space) return true;
  if (openingPunctuation.has(last(a.text))) return false;
  if (last(a.text) === '—' && first(b.text) === '—') return false;
  return true;
}

/** Width of a line without the spaces hanging at its end. */
function contentWidth(line: Unit[], end = line.length): number {
  let trailing = end;
  while (trailing > 0 && line[trailing - 1]?.space) trailing -= 1;
  let width = 0;
  for (let i = 0; i < trailing; i += 1) width += line[i]?.width ?? 0;
  return width;
}

/** Splits `text` into lines no wider than the width (a single character wider than a line stands alone). */
export function breakLines(text: string, widthOf: WidthOf, options: BreakOptions): string[] {
  const { width } = options;
  const widthAt = typeof width === 'number' ? () => width : width;
  const indent = options.firstLineIndent ?? 0;
  const lines: string[] = [];
  const paragraphs = text.split('\n');
  // An ASCII run is split only when no line could hold it; lines beside a float are the narrowest.
  let narrowest = Infinity;
  for (let i = 0; i < 8; i += 1) narrowest = Math.min(narrowest, widthAt(i));
  const splitAbove = narrowest - indent;

  for (const paragraph of paragraphs) {
    let firstOfParagraph = true;
    let line: Unit[] = [];
    const available = () => widthAt(lines.length) - (firstOfParagraph ? indent : 0);
    const emit = (count: number) => {
      lines.push(
        line
          .slice(0, count)
          .map((u) => u.text)
          .join(''),
      );
      line = line.slice(count);
      firstOfParagraph = false;
    };
    for (const unit of units(paragraph, widthOf, splitAbove)) {
      line.push(unit);
      while (line.length > 1 && contentWidth(line) > available() + EPSILON) {
        const room = available() + EPSILON;
        let at = -1;
        for (let i = line.length - 1; i >= 1 && at < 0; i -= 1) {
          if (mayBreak(line[i - 1]!, line[i]!) && contentWidth(line, i) <= room) at = i;
        }
        // The punctuation rules cannot be kept within the width: keep the width.
        for (let i = line.length - 1; i >= 1 && at < 0; i -= 1) if (contentWidth(line, i) <= room) at = i;
        emit(at < 0 ? 1 : at);
      }
    }
    emit(line.length);
  }
  return lines;
}

/** Width of a laid-out line: the spaces hanging at its end do not count. */
export function lineWidth(line: string, widthOf: WidthOf): number {
  return widthOf(trimEndSpaces(line));
}

/** The line without the spaces hanging at its end (ideographic spaces stay). */
export function trimEndSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && isSpace(line[end - 1] ?? '')) end -= 1;
  return line.slice(0, end);
}

/** `text` cut to fit `maxWidth`, ending with '…' when anything was cut. */
export function truncate(text: string, maxWidth: number, widthOf: WidthOf): string {
  if (widthOf(text) <= maxWidth + EPSILON) return text;
  const chars = [...text];
  while (chars.length > 0 && widthOf(`${chars.join('')}…`) > maxWidth + EPSILON) chars.pop();
  return chars.length > 0 ? `${trimEndSpaces(chars.join(''))}…` : '';
}
