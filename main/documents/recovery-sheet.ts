import type { DocumentFont } from './font';
import { chineseDateTime } from './format';
import { A4Document } from './layout/document';

/**
 * 数据恢复单: the one paper that opens a window's data when its PC has lost the key (a new Windows
 * profile, a forgotten passphrase). Printed once, sealed in an envelope, kept in the supervisor's
 * safe. It names the window and the date; the code is printed large, in groups of four.
 */
export async function recoverySheetPdf(
  data: { code: string; issuedAt: string; hallName: string; windowNumber: number | null },
  font: DocumentFont,
): Promise<Uint8Array> {
  const window = data.windowNumber === null ? '（未设窗口号）' : `${data.windowNumber} 号窗口`;
  const doc = new A4Document(font, {
    title: `数据恢复单 ${window}`,
    createdAt: data.issuedAt,
    header: { left: data.hallName, right: '机密 · 封存于值班长保险柜' },
  });
  doc.heading('一窗工作站数据恢复单', { size: 20 });
  doc.keyValues(
    [
      { label: '服务大厅', value: data.hallName },
      { label: '窗口', value: window },
      { label: '生成时间', value: chineseDateTime(data.issuedAt) },
    ],
    { spaceBefore: 8 },
  );
  doc.paragraph('恢复密钥', { size: 12, bold: true, spaceBefore: 18, indent: 0 });
  for (const line of [data.code.split('-').slice(0, 4).join('  '), data.code.split('-').slice(4).join('  ')]) {
    doc.paragraph(line, { size: 26, align: 'center', spaceBefore: 6 });
  }
  doc.rule({ spaceAround: 12 });
  doc.paragraph('用途', { size: 12, bold: true, indent: 0 });
  doc.paragraph(
    '本机数据（办件、材料、备份）全部加密保存。当本机的系统钥匙串丢失、口令遗忘或更换电脑时，只有这组恢复密钥能打开数据。' +
      '它与数据文件夹中的 keys.json 一起使用，缺一不可。',
    { indent: 2 },
  );
  doc.paragraph('保管要求', { size: 12, bold: true, spaceBefore: 10, indent: 0 });
  for (const rule of [
    '1. 打印后立即装入信封，封口处由管理员与值班长共同签字，注明窗口号与日期，存放于值班长保险柜。',
    '2. 不得拍照、扫描、复印，不得以文件或消息形式保存或发送。',
    '3. 建立登记簿：记录封存、开启的时间、人员与原因；每次开启都应留下记录。',
    '4. 使用过一次后，请在“设置 → 数据安全”中生成新的恢复密钥，并销毁本单。',
    '5. 生成新的恢复密钥后，本单立即作废，请粉碎销毁。',
  ]) {
    doc.paragraph(rule, { spaceBefore: 4, indent: 0 });
  }
  doc.paragraph('恢复方法：npm run devtool -- recover-key --data-dir <数据文件夹>，按提示输入上方恢复密钥。', {
    size: 9,
    spaceBefore: 14,
  });
  doc.signature(['封存人（管理员）：__________', '见证人（值班长）：__________', '封存日期：__________'], {
    spaceBefore: 24,
  });
  return doc.toPdf();
}
