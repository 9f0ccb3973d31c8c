import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../preload/contract/errors';
import { decodeEscPos } from './escpos-preview';
import { DEFAULT_FOOTER, RATING_LINE, queueTicket, TEST_LINE_RARE, testTicket } from './ticket';

// 2025-03-04 01:05 UTC is 09:05 in Shanghai.
const issuedAt = new Date(Date.UTC(2025, 2, 4, 1, 5, 42));

describe('the time on a ticket', () => {
  it('is the hall clock, YYYY-MM-DD HH:mm, across the date line and whatever the PC zone', () => {
    const at = (date: Date) =>
      decodeEscPos(queueTicket({ hallName: '大厅', number: 'A1', matter: '户籍', issuedAt: date }))
        .preview.split('\n')
        .find((line) => line.includes('取号时间'));
    expect(at(issuedAt)).toBe('[center]取号时间：2025-03-04 09:05');
    expect(at(new Date(Date.UTC(2024, 11, 31, 16, 0)))).toBe('[center]取号时间：2025-01-01 00:00');
    expect(at(new Date(Date.UTC(2024, 11, 31, 15, 59, 59)))).toBe('[center]取号时间：2024-12-31 23:59');
  });
});

describe('queueTicket', () => {
  it('prints hall, big number, matter, time, waiting, QR, footer, the 好差评 line and cuts', () => {
    const bytes = queueTicket({
      hallName: '朝阳区政务服务中心',
      number: 'A023',
      matter: '户籍业务',
      issuedAt,
      waiting: 5,
      qr: 'https://zwfw.example.gov.cn/queue/A023',
    });
    const { preview, errors } = decodeEscPos(bytes);
    expect(errors).toEqual([]);
    expect(preview).toBe(
      [
        '[center][B]朝阳区政务服务中心',
        '[center]排队号',
        '[center][2x2][B]A023',
        '[center]办理事项：户籍业务',
        '[center]取号时间：2025-03-04 09:05',
        '[center]您前面还有 5 人等候',
        '',
        '[center][QR: https://zwfw.example.gov.cn/queue/A023]',
        '[center]扫码查看排队进度',
        '',
        `[center]${DEFAULT_FOOTER}`,
        `[center]${RATING_LINE}`,
        '[FEED 4]',
        '[CUT partial]',
      ].join('\n'),
    );
    // Starts with ESC @ and FS &, ends with ESC d 4 and GS V 1.
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect(Array.from(bytes.subarray(-6))).toEqual([0x1b, 0x64, 0x04, 0x1d, 0x56, 0x01]);
  });

  it('leaves out waiting and QR when absent, says so when nobody waits, and takes a custom footer', () => {
    const none = decodeEscPos(queueTicket({ hallName: '大厅', number: 'B1', matter: '社保', issuedAt })).preview;
    expect(none).not.toMatch(/人等候|暂无等候|\[QR/);
    const zero = decodeEscPos(
      queueTicket({ hallName: '大厅', number: 'B1', matter: '社保', issuedAt, waiting: 0, footer: '谢谢' }),
    ).preview;
    expect(zero).toContain('[center]前面暂无等候，请留意叫号');
    expect(zero).toContain('[center]谢谢');
    expect(zero).not.toContain(DEFAULT_FOOTER);
  });

  it.each([
    ['an empty hall name', { hallName: ' ' }],
    ['an empty number', { number: '' }],
    ['a negative waiting count', { waiting: -1 }],
    ['a fractional waiting count', { waiting: 1.5 }],
    ['an invalid date', { issuedAt: new Date(Number.NaN) }],
  ])('rejects %s', (_name, change) => {
    const input = { hallName: '大厅', number: 'A1', matter: '户籍', issuedAt, ...change };
    expect(() => queueTicket(input)).toThrow(AppError);
  });
});

describe('testTicket', () => {
  it('says it is a test, prints rare characters in GB18030 and a QR code', () => {
    const bytes = testTicket({ hallName: '朝阳区政务服务中心', printedAt: issuedAt, deviceName: 'XP-58 (USB)' });
    const { preview, errors, ops } = decodeEscPos(bytes);
    expect(errors).toEqual([]);
    expect(preview).toContain('[center][2x2][B]打印测试');
    expect(preview).toContain('（测试页，非排队凭证）');
    expect(preview).toContain('设备：XP-58 (USB)');
    expect(preview).toContain('时间：2025-03-04 09:05');
    expect(preview).toContain(TEST_LINE_RARE);
    expect(preview).toContain('[right]右对齐');
    expect(ops.filter((op) => op.op === 'qr')).toHaveLength(1);
    // 龘 is two bytes, 𠀀 four: both must be in the stream as GB18030.
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex).toContain(Buffer.from(iconv.encode('龘', 'gb18030')).toString('hex'));
    expect(hex).toContain('95328236');
  });
});
