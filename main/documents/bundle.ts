import { PDFDocument } from 'pdf-lib';
import type { DocumentFont } from './font';
import { chineseDateTime } from './format';
import { A4Document, type MakeOptions } from './layout/document';
import { mark } from './notice';
import type { BundleData, BundleFile } from './types';

/** The checklist statuses in the clerk's words (as on the case screen). */
const statusLabels: Record<string, string> = {
  complete: '齐全',
  missing: '欠缺',
  not_applicable: '不适用',
  optional_empty: '未提交',
};

const kindLabels: Record<BundleFile['mime'], string> = {
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/pdf': 'PDF',
};

type Prepared = { file: BundleFile; pages: number } & (
  { kind: 'image' } | { kind: 'pdf'; source: PDFDocument } | { kind: 'broken'; why: string }
);

/** Loads each PDF once to count its pages; a file pdf-lib cannot read becomes one explanatory page. */
async function prepare(file: BundleFile): Promise<Prepared> {
  if (file.mime !== 'application/pdf') return { file, pages: 1, kind: 'image' };
  try {
    const source = await PDFDocument.load(file.bytes, { updateMetadata: false });
    if (source.getPageCount() === 0) return { file, pages: 1, kind: 'broken', why: '文件中没有页面' };
    return { file, pages: source.getPageCount(), kind: 'pdf', source };
  } catch (error) {
    const encrypted = error instanceof Error && /encrypt/i.test(error.message);
    return { file, pages: 1, kind: 'broken', why: encrypted ? '文件已加密，无法读取' : '文件已损坏或格式无法识别' };
  }
}

/** 材料汇编: a cover with the checklist and the list of files, then every file, page by page. */
export async function bundlePdf(data: BundleData, font: DocumentFont, make: MakeOptions = {}): Promise<Uint8Array> {
  const doc = new A4Document(font, {
    ...make,
    title: `材料汇编 ${data.caseNumber}`,
    subject: `${data.matterName}（${data.matterCode}）`,
    keywords: [data.caseNumber, data.matterCode, '材料汇编'],
    createdAt: data.decidedAt,
    header: { left: data.hall.name, right: `办件编号 ${data.caseNumber}` },
  });
  const prepared = await Promise.all(data.files.map(prepare));

  doc.heading('材料汇编', { size: 20 });
  doc.keyValues(
    [
      { label: '办件编号', value: data.caseNumber, size: 14, bold: true },
      { label: '申请事项', value: `${data.matterName}（事项编码 ${data.matterCode}）` },
      { label: '申请人', value: `${data.applicant.name}（${data.applicant.idLabel} ${data.applicant.idShown}）` },
      { label: '受理大厅', value: `${data.hall.name} ${data.hall.windowNumber} 号窗口` },
      { label: '经办人', value: data.clerkName },
      { label: '决定时间', value: `${chineseDateTime(data.decidedAt)}（第 ${data.version} 版）` },
    ],
    { size: 10.5, lineHeight: 1.5 },
  );

  doc.paragraph('材料清单', { size: 11, bold: true, indent: 0, spaceBefore: 4 });
  doc.table({
    columns: [
      { header: '序号', width: 30, align: 'center' },
      { header: '材料名称', flex: 1 },
      { header: '必要', width: 34, align: 'center' },
      { header: '状态', width: 46, align: 'center' },
      { header: '页数', width: 34, align: 'right' },
      { header: '原件', width: 34, align: 'center' },
      { header: '复印件', width: 42, align: 'right' },
      { header: '电子证照', width: 50, align: 'center' },
    ],
    rows: data.checklist.map((m, i) => [
      String(i + 1),
      m.name,
      m.required ? '是' : '否',
      statusLabels[m.status] ?? m.status,
      String(m.pages),
      mark(m.originalChecked),
      String(m.copies),
      mark(m.eLicence),
    ]),
    size: 9.5,
  });

  doc.paragraph('文件目录', { size: 11, bold: true, indent: 0, spaceBefore: 4 });
  doc.table({
    columns: [
      { header: '序号', width: 30, align: 'center' },
      { header: '所属材料', flex: 1 },
      { header: '文件名', flex: 1 },
      { header: '类型', width: 58, align: 'center' },
      { header: '页数', width: 34, align: 'right' },
      { header: '备注', width: 90 },
    ],
    rows: prepared.map((p, i) => [
      String(i + 1),
      p.file.itemName,
      p.file.name,
      kindLabels[p.file.mime],
      p.kind === 'broken' ? '—' : String(p.pages),
      p.kind === 'broken' ? p.why : p.file.rotation ? `已旋转 ${p.file.rotation}°` : '',
    ]),
    size: 9.5,
  });
  if (prepared.length === 0) doc.paragraph('本办件没有采集的文件。', { size: 10.5 });

  // Pages of each checklist item, counted over its files, for "第 k/n 页".
  const itemPages = new Map<string, number>();
  for (const p of prepared) itemPages.set(p.file.itemName, (itemPages.get(p.file.itemName) ?? 0) + p.pages);
  const seen = new Map<string, number>();
  const label = (item: string) => {
    const k = (seen.get(item) ?? 0) + 1;
    seen.set(item, k);
    return `${item} · 第 ${k}/${itemPages.get(item) ?? k} 页`;
  };

  for (const p of prepared) {
    const { file } = p;
    if (p.kind === 'pdf') {
      const labels = Array.from({ length: p.pages }, () => label(file.itemName));
      try {
        await doc.addPdfPages(p.source, file.rotation, labels);
        continue;
      } catch {
        brokenPage(doc, file, '文件无法复制到汇编中', labels[0] ?? '');
        continue;
      }
    }
    if (p.kind === 'broken') {
      brokenPage(doc, file, p.why, label(file.itemName));
      continue;
    }
    const itemLabel = label(file.itemName);
    try {
      await doc.addImagePage(
        { bytes: file.bytes, mime: file.mime as 'image/jpeg' | 'image/png', rotation: file.rotation },
        itemLabel,
      );
    } catch {
      brokenPage(doc, file, '图片已损坏或格式无法识别', itemLabel);
    }
  }
  return doc.toPdf();
}

/** A page in place of a file that cannot be shown, saying which and why. */
function brokenPage(doc: A4Document, file: BundleFile, why: string, itemLabel: string): void {
  doc.pageBreak();
  doc.heading('无法显示的文件', { size: 16, spaceBefore: 40 });
  doc.paragraph(
    `材料「${file.itemName}」的文件「${file.name}」（${kindLabels[file.mime]}）无法显示：${why}。` +
      '该文件未能合并到本汇编中，请在系统中查看原文件，或请申请人重新提供。',
    { size: 11 },
  );
  doc.paragraph(itemLabel, { size: 9, indent: 0, align: 'center', color: [0.35, 0.35, 0.35], spaceBefore: 12 });
  doc.pageBreak();
}
