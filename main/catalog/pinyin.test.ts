import { describe, expect, it } from 'vitest';
import { nameInitials, namePinyin } from './pinyin';

describe('nameInitials', () => {
  it('takes the first letter of each Han character', () => {
    expect(nameInitials('居住证签注')).toBe('jzzqz');
    expect(nameInitials('居住证申领')).toBe('jzzsl');
    expect(nameInitials('社会保障卡补换')).toBe('shbzkbh');
  });

  it('drops punctuation and brackets, full-width or not', () => {
    expect(nameInitials('户口迁移（迁入）')).toBe('hkqyqr');
    expect(nameInitials('户口迁移(迁入)')).toBe('hkqyqr');
    expect(nameInitials('食品经营许可（新办）')).toBe('spjyxkxb');
    expect(nameInitials('身份证换领、补领')).toBe('sfzhlbl');
  });

  it('keeps letters and digits lower-cased, full-width ones too', () => {
    expect(nameInitials('A级纳税人')).toBe('ajnsr');
    expect(nameInitials('第3类')).toBe('d3l');
    expect(nameInitials('ＡＢ证２号')).toBe('abz2h');
  });

  it('reads polyphones in context', () => {
    expect(nameInitials('银行开户预约')).toBe('yhkhyy');
    expect(nameInitials('异地就医备案')).toBe('ydjyba');
    expect(nameInitials('城乡居民基本医疗保险参保登记')).toBe('cxjmjbylbxcbdj');
  });

  it('is empty for an empty name', () => {
    expect(nameInitials('')).toBe('');
    expect(nameInitials('（）')).toBe('');
  });
});

describe('namePinyin', () => {
  it('writes the whole toneless pinyin without spaces', () => {
    expect(namePinyin('居住证签注')).toBe('juzhuzhengqianzhu');
    expect(namePinyin('户口迁移（迁入）')).toBe('hukouqianyiqianru');
    expect(namePinyin('住房公积金提取（租房）')).toBe('zhufanggongjijintiquzufang');
  });

  it('reads polyphones in context and writes ü as v', () => {
    expect(namePinyin('银行开户预约')).toBe('yinhangkaihuyuyue');
    expect(namePinyin('绿色通道')).toBe('lvsetongdao');
  });

  it('keeps letters and digits', () => {
    expect(namePinyin('A级3号')).toBe('aji3hao');
  });
});
