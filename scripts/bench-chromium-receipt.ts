// The comparison for `receipt.ratio_vs_chromium`: the same receipt as an HTML page printed to PDF
// by Debian's Chromium (`page.pdf()`, which is what Electron's `printToPDF` does), warm: the
// browser and the page are open, each run sets the HTML and prints.
import { chromium } from '@playwright/test';
import { chineseDate, chineseDateTime, feeText } from '../main/documents/format';
import type { ReceiptData } from '../main/documents/types';

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The receipt's content as a plain HTML page (CJK from the system's Noto CJK fonts). */
export function receiptHtml(data: ReceiptData, qrSvg: string): string {
  const rows = data.materials
    .map(
      (m, i) =>
        `<tr><td>${i + 1}</td><td>${escape(m.name)}</td><td>${m.pages}</td><td>${m.originalChecked ? '✓' : '—'}</td><td>${m.copies}</td><td>${m.eLicence ? '✓' : '—'}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 20mm; }
    body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11pt; line-height: 1.6; }
    h1 { text-align: center; font-size: 20pt; margin: 0 0 12pt; }
    table { width: 100%; border-collapse: collapse; }
    td, th { border: 0.5pt solid #999; padding: 3pt 5pt; }
    .qr { float: right; width: 90pt; text-align: center; font-size: 9pt; }
    .kv td:first-child { width: 90pt; color: #333; }
  </style></head><body>
  <div class="qr">${qrSvg}<div>扫码查询办理进度</div></div>
  <h1>受理回执</h1>
  <p>办件编号：<b>${escape(data.caseNumber)}</b></p>
  <table class="kv">
    <tr><td>事项</td><td>${escape(data.matterName)}（${escape(data.matterCode)}）</td></tr>
    <tr><td>实施部门</td><td>${escape(data.department)}</td></tr>
    <tr><td>申请人</td><td>${escape(data.applicant.name)} ${escape(data.applicant.idLabel)} ${escape(data.applicant.idShown)}</td></tr>
    <tr><td>承诺时限</td><td>${data.promisedDays} 个工作日（法定 ${data.statutoryDays} 个工作日），承诺办结日期 ${chineseDate(data.promisedDate)}</td></tr>
    <tr><td>收费</td><td>${feeText(data.fee)}</td></tr>
    <tr><td>结果领取</td><td>${escape(data.collection)}</td></tr>
    <tr><td>受理</td><td>${data.hall.windowNumber} 号窗口 ${escape(data.clerkName)} ${chineseDateTime(data.decidedAt)}</td></tr>
  </table>
  <h3>收到的材料</h3>
  <table><tr><th>序号</th><th>材料名称</th><th>页数</th><th>原件核验</th><th>复印件</th><th>电子证照</th></tr>${rows}</table>
  <p>请您对本次服务进行评价：非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意</p>
  <p>${escape(data.hall.name)} 地址：${escape(data.hall.address)} 电话：${escape(data.hall.phone)}</p>
  </body></html>`;
}

/** Median ms and the size of Chromium's PDF of the receipt page, over `runs` warm runs. */
export async function chromiumReceipt(html: string, runs = 20): Promise<{ medianMs: number; bytes: number }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    let bytes = 0;
    const once = async () => {
      await page.setContent(html, { waitUntil: 'load' });
      bytes = (await page.pdf({ format: 'A4', printBackground: true })).length;
    };
    for (let i = 0; i < 3; i++) await once();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await once();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return { medianMs: samples[Math.floor(samples.length / 2)]!, bytes };
  } finally {
    await browser.close();
  }
}
