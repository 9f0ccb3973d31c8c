import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentFont, loadDocumentFont } from '../font';
import { fontPath } from '../testing/fixtures';
import { compact, glyphInk, pdfPages } from '../testing/pdf-check';
import { A4Document } from './document';
import { a4, type DrawOp } from './page';
import { columnWidths, type TableSpec } from './table';

let font: DocumentFont;
beforeAll(async () => {
  font = await loadDocumentFont(fontPath);
});

const newDoc = () =>
  new A4Document(font, { title: '表格', createdAt: '2026-11-27T02:05:00Z', header: { left: '张店区市民中心' } });

type TextOp = Extract<DrawOp, { kind: 'text' }>;
const textsByPage = (doc: A4Document): TextOp[][] =>
  doc.laidOut.map((p) => (p.kind === 'flow' ? p.ops.filter((op): op is TextOp => op.kind === 'text') : []));

/** One distinct character per row, so each row's lines can be found. */
const marks =
  '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星山川河海江湖风云雷电雨雪霜露春夏秋冬东南西北';

const columns: TableSpec['columns'] = [
  { header: '序号', width: 30, align: 'center' },
  { header: '材料名称', flex: 1 },
  { header: '需补正的内容', flex: 2 },
  { header: '页数', width: 40, align: 'right' },
];

describe('columnWidths', () => {
  it('gives fixed columns their width and shares the rest by flex', () => {
    expect(columnWidths([{ header: 'a', width: 30 }, { header: 'b' }, { header: 'c', flex: 3 }], 430)).toEqual([
      30, 100, 300,
    ]);
  });
});

describe('table', () => {
  it('repeats the header on every page and never splits a row', async () => {
    const doc = newDoc();
    doc.paragraph('需要补正的材料如下：');
    const rows = [...marks].map((m, i) => [
      String(i + 1),
      `材料${m}`,
      `${m.repeat(30)}，请提供原件`,
      String((i * 7) % 13),
    ]);
    doc.table({ columns, rows, zebra: true });
    const pdf = await doc.toPdf();
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      expect(page).toContain('材料名称');
      expect(page).toContain('需补正的内容');
    }
    // Every row's lines are on one page.
    const perPage = textsByPage(doc);
    for (const m of marks) {
      const onPages = perPage.map((ops, p) => (ops.some((op) => op.text.includes(m)) ? p : -1)).filter((p) => p >= 0);
      expect(onPages).toHaveLength(1);
    }
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('right-aligns numeric columns and centres where asked', () => {
    const doc = newDoc();
    doc.table({
      columns,
      rows: [
        ['1', '身份证', '无', '7'],
        ['2', '户口簿', '无', '128'],
      ],
    });
    const ops = textsByPage(doc)[0]!;
    const rightEdges = ['7', '128'].map((n) => {
      const op = ops.find((o) => o.text === n)!;
      return op.x + font.widthOf(op.text, op.size);
    });
    expect(rightEdges[0]).toBeCloseTo(a4.right - 4, 6);
    expect(rightEdges[1]).toBeCloseTo(a4.right - 4, 6);
    const serials = ['1', '2'].map((n) => {
      const op = ops.find((o) => o.text === n)!;
      return op.x + font.widthOf(op.text, op.size) / 2;
    });
    expect(serials[0]).toBeCloseTo(a4.left + 15, 6);
    expect(serials[1]).toBeCloseTo(a4.left + 15, 6);
  });

  it('wraps cells within their column', () => {
    const doc = newDoc();
    const long = '合同已过期，请提供在有效期内的租赁合同原件及复印件一份，并由出租人签字确认。'.repeat(2);
    doc.table({ columns, rows: [['1', '房屋租赁合同', long, '3']] });
    const widths = columnWidths(columns, a4.right - a4.left);
    const left = a4.left + widths[0]! + widths[1]!;
    const cellOps = textsByPage(doc)[0]!.filter((op) => !op.bold && op.x >= left && op.x < left + widths[2]!);
    expect(cellOps.length).toBeGreaterThan(2);
    for (const op of cellOps)
      expect(op.x + font.widthOf(op.text, op.size)).toBeLessThanOrEqual(left + widths[2]! - 4 + 1e-6);
    expect(cellOps.map((op) => op.text).join('')).toBe(long);
  });

  it('splits a row taller than a page, repeating the header', async () => {
    const doc = newDoc();
    const tall = Array.from({ length: 300 }, (_, i) => `第${i + 1}条说明文字。`).join('');
    doc.table({
      columns,
      rows: [
        ['1', '情况说明', tall, '1'],
        ['2', '其他', '无', '0'],
      ],
    });
    const pdf = await doc.toPdf();
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toContain('需补正的内容');
    // The row's lines continue in order from page to page.
    const widths = columnWidths(columns, a4.right - a4.left);
    const left = a4.left + widths[0]! + widths[1]!;
    const lines = textsByPage(doc)
      .flat()
      .filter((op) => !op.bold && op.x >= left && op.x < left + widths[2]!);
    expect(lines.map((op) => op.text).join('')).toBe(`${tall}无`);
    expect(compact(pages[0]!)).toContain('第1条说明文字。');
  });

  it('adds a bold totals row under a heavier rule', () => {
    const doc = newDoc();
    doc.table({
      columns: [{ header: '事项' }, { header: '件数', width: 60, align: 'right' }],
      rows: [
        ['居住证申领', '12'],
        ['户口迁移', '8'],
      ],
      totals: ['合计', '20'],
    });
    const page = doc.laidOut[0]!;
    if (page.kind !== 'flow') throw new Error('expected a flow page');
    const total = page.ops.find((op) => op.kind === 'text' && op.text === '合计');
    expect(total).toMatchObject({ bold: true });
    const heavy = page.ops.filter((op) => op.kind === 'line' && op.width === 1);
    expect(heavy).toHaveLength(1);
  });

  it('draws only row rules without borders, and zebra stripes every other row', () => {
    const doc = newDoc();
    doc.table({
      columns: [{ header: '事项' }, { header: '件数', width: 60 }],
      rows: Array.from({ length: 6 }, (_, i) => [`事项${i}`, String(i)]),
      borders: false,
      zebra: true,
    });
    const page = doc.laidOut[0]!;
    if (page.kind !== 'flow') throw new Error('expected a flow page');
    const vertical = page.ops.filter((op) => op.kind === 'line' && op.x1 === op.x2);
    expect(vertical).toHaveLength(0);
    const stripes = page.ops.filter((op) => op.kind === 'rect' && op.fill && op.fill[0] > 0.95);
    expect(stripes).toHaveLength(3);
  });
});
