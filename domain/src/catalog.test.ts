import { describe, expect, it } from 'vitest';
import {
  agentTermOf,
  catalogSchema,
  matterMatchRank,
  searchMatters,
  type Catalog,
  type CatalogMatter,
} from './catalog';

type Searchable = Pick<CatalogMatter, 'code' | 'name' | 'initials' | 'pinyin' | 'department'>;

// Initials and pinyin written by hand from the names (居住证签注 → jzzqz / juzhuzhengqianzhu).
const permitApply: Searchable = {
  code: 'GA-JZZSL-001',
  name: '居住证申领',
  initials: 'jzzsl',
  pinyin: 'juzhuzhengshenling',
  department: '公安分局',
};
const permitEndorse: Searchable = {
  code: 'GA-JZZQZ-002',
  name: '居住证签注',
  initials: 'jzzqz',
  pinyin: 'juzhuzhengqianzhu',
  department: '公安分局',
};
const medical: Searchable = {
  code: 'YB-YDJY-001',
  name: '异地就医备案',
  initials: 'ydjyba',
  pinyin: 'yidijiuyibeian',
  department: '医疗保障局',
};
const company: Searchable = {
  code: 'SC-GSSL-001',
  name: '公司设立登记',
  initials: 'gssldj',
  pinyin: 'gongsishelidengji',
  department: '市场监管局',
};
const barcode: Searchable = {
  code: 'SC-SPTM-003',
  name: '商品条码（GS1）系统成员注册',
  initials: 'sptmxtcyzc',
  pinyin: 'shangpintiaomaxitongchengyuanzhuce',
  department: '市场监管局',
};
const proof: Searchable = {
  code: 'SC-DJZM-004',
  name: '登记证明补发',
  initials: 'djzmbf',
  pinyin: 'dengjizhengmingbufa',
  department: '市场监管局',
};

describe('matterMatchRank', () => {
  it('matches everything for an empty or blank query', () => {
    expect(matterMatchRank(permitEndorse, '')).toBe(0);
    expect(matterMatchRank(permitEndorse, '   ')).toBe(0);
  });

  it('ranks an exact code or name first, code in any case and with spaces around', () => {
    expect(matterMatchRank(permitEndorse, 'GA-JZZQZ-002')).toBe(0);
    expect(matterMatchRank(permitEndorse, 'ga-jzzqz-002')).toBe(0);
    expect(matterMatchRank(permitEndorse, '  GA-JZZQZ-002 ')).toBe(0);
    expect(matterMatchRank(permitEndorse, ' 居住证签注 ')).toBe(0);
  });

  it('ranks an initials prefix or a name prefix next', () => {
    expect(matterMatchRank(permitEndorse, 'jzz')).toBe(1);
    expect(matterMatchRank(permitEndorse, 'JZZQ')).toBe(1);
    expect(matterMatchRank(permitEndorse, '居住')).toBe(1);
  });

  it('ranks a code prefix after that', () => {
    expect(matterMatchRank(permitEndorse, 'GA-JZ')).toBe(2);
    expect(matterMatchRank(permitEndorse, 'ga-')).toBe(2);
  });

  it('ranks a name substring after a code prefix', () => {
    expect(matterMatchRank(permitEndorse, '签注')).toBe(3);
    expect(matterMatchRank(barcode, 'GS1')).toBe(3);
  });

  it('ranks an initials substring or a full pinyin prefix after a name substring', () => {
    expect(matterMatchRank(permitEndorse, 'zqz')).toBe(4);
    expect(matterMatchRank(permitEndorse, 'juzhuz')).toBe(4);
    expect(matterMatchRank(permitEndorse, 'JuZhuZheng')).toBe(4);
    expect(matterMatchRank(permitEndorse, 'ju zhu zheng')).toBe(4); // spaces between syllables dropped
  });

  it('does not match full pinyin in the middle of the name', () => {
    expect(matterMatchRank(permitEndorse, 'qianzhu')).toBeNull();
  });

  it('ranks a department substring last', () => {
    expect(matterMatchRank(permitEndorse, '公安')).toBe(5);
    expect(matterMatchRank(medical, '医疗保障局')).toBe(5);
  });

  it('does not match what appears nowhere', () => {
    expect(matterMatchRank(permitEndorse, 'xyz')).toBeNull();
    expect(matterMatchRank(permitEndorse, '营业执照')).toBeNull();
  });
});

describe('searchMatters', () => {
  const catalog = [permitApply, permitEndorse, medical, company, barcode, proof];

  it('keeps the whole catalog in order for an empty or blank query', () => {
    expect(searchMatters(catalog, '')).toEqual(catalog);
    expect(searchMatters(catalog, '  ')).toEqual(catalog);
  });

  it('leaves out matters that do not match', () => {
    expect(searchMatters(catalog, 'zzzz')).toEqual([]);
    expect(searchMatters(catalog, '异地')).toEqual([medical]);
  });

  it('trims the query', () => {
    expect(searchMatters(catalog, '  异地 ')).toEqual([medical]);
    expect(searchMatters(catalog, ' ydjy ')).toEqual([medical]);
  });

  it('puts the exact code first, in any case, before matters it only prefixes', () => {
    // SC-GSSL-0011 comes first in the catalog but the query is only a prefix of its code (rank 2).
    const longer: Searchable = { ...company, code: 'SC-GSSL-0011', name: '公司注销登记', initials: 'gszxdj' };
    expect(searchMatters([longer, company], 'sc-gssl-001')).toEqual([company, longer]);
    expect(searchMatters(catalog, 'yb-ydjy-001')).toEqual([medical]);
  });

  it('puts an initials prefix before a name substring', () => {
    // "GS": 商品条码（GS1）… has it in its name (rank 3), 公司设立登记 has initials gssldj (rank 1).
    expect(searchMatters(catalog, 'GS')).toEqual([company, barcode]);
  });

  it('puts a name prefix before a name substring', () => {
    // 公司设立登记 contains 登记 (rank 3); 登记证明补发 starts with it (rank 1).
    expect(searchMatters(catalog, '登记')).toEqual([proof, company]);
  });

  it('finds by full pinyin prefix, ties in catalog order', () => {
    expect(searchMatters(catalog, 'juzhuzheng')).toEqual([permitApply, permitEndorse]);
    expect(searchMatters(catalog, 'yidijiu')).toEqual([medical]);
  });

  it('finds by department, after matters that match by name', () => {
    const policeStation: Searchable = {
      code: 'GA-HJQY-005',
      name: '户籍迁移（公安）',
      initials: 'hjqyga',
      pinyin: 'hujiqianyigongan',
      department: '派出所',
    };
    // The two permits match by department (rank 5), the last one by name (rank 3).
    expect(searchMatters([permitApply, permitEndorse, policeStation], '公安')).toEqual([
      policeStation,
      permitApply,
      permitEndorse,
    ]);
    expect(searchMatters(catalog, '市场监管')).toEqual([company, barcode, proof]);
  });
});

describe('catalogSchema', () => {
  function valid(): Catalog {
    return {
      version: 2026112701,
      publishedAt: '2026-11-27',
      publisher: '张店区行政审批服务局',
      matters: [
        {
          code: 'GA-JZZSL-001',
          name: '居住证申领',
          department: '公安分局',
          subject: 'individual',
          legalBasis: '《居住证暂行条例》',
          statutoryDays: 15,
          promisedDays: 7,
          fee: 0,
          collection: '窗口领取',
          formFields: [
            { key: 'phone', label: '联系电话', type: 'phone', required: true },
            { key: 'delivery', label: '领取方式', type: 'select', required: true, options: ['窗口领取', '邮寄送达'] },
          ],
          materials: [
            {
              id: 'id-card',
              name: '居民身份证',
              requirement: 'required',
              originalCheck: true,
              copies: 1,
              eLicence: true,
            },
            {
              id: 'marriage',
              name: '结婚证',
              requirement: 'conditional',
              condition: '已婚的',
              originalCheck: true,
              copies: 1,
              eLicence: true,
            },
          ],
          rejectReasons: [{ code: 'not-in-scope', text: '不属于本窗口受理范围' }],
        },
        {
          code: 'SC-GSSL-001',
          name: '公司设立登记',
          department: '市场监管局',
          subject: 'enterprise',
          newEnterprise: true,
          legalBasis: '《市场主体登记管理条例》',
          statutoryDays: 3,
          promisedDays: 1,
          fee: 0,
          collection: '窗口领取',
          formFields: [],
          materials: [
            {
              id: 'articles',
              name: '公司章程',
              requirement: 'required',
              originalCheck: false,
              copies: 1,
              eLicence: false,
            },
          ],
          rejectReasons: [{ code: 'name-not-approved', text: '名称未经核准' }],
        },
      ],
    };
  }

  function firstMatter(c: Catalog): Catalog['matters'][number] {
    const m = c.matters[0];
    if (!m) throw new Error('no matter');
    return m;
  }

  function messages(c: unknown): string[] {
    const result = catalogSchema.safeParse(c);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  }

  it('accepts the valid catalog the other cases change', () => {
    expect(catalogSchema.safeParse(valid()).success).toBe(true);
  });

  it('refuses two matters with the same code', () => {
    const c = valid();
    c.matters.push({ ...firstMatter(c), name: '居住证申领（副本）' });
    expect(messages(c)).toEqual(['事项编码重复：GA-JZZSL-001']);
  });

  it('refuses two items with the same id in a matter', () => {
    const c = valid();
    const m = firstMatter(c);
    m.materials.push({ ...m.materials[0]!, name: '身份证复印件' });
    expect(messages(c)).toEqual(['材料编号重复：id-card']);
  });

  it('refuses two form fields with the same key in a matter', () => {
    const c = valid();
    const m = firstMatter(c);
    m.formFields.push({ key: 'phone', label: '备用电话', type: 'phone', required: false });
    expect(messages(c)).toEqual(['表单字段重复：phone']);
  });

  it('refuses a promise longer than the statutory time, and takes one just as long', () => {
    const c = valid();
    const m = firstMatter(c);
    m.promisedDays = 16;
    expect(messages(c)).toEqual(['承诺时限不能长于法定时限：GA-JZZSL-001']);
    m.promisedDays = 15;
    expect(messages(c)).toEqual([]);
  });

  it('refuses a conditional item without its condition, or with an empty one', () => {
    const c = valid();
    const marriage = firstMatter(c).materials[1]!;
    delete marriage.condition;
    expect(messages(c)).toEqual(['条件性材料须写明条件']);
    marriage.condition = '';
    expect(messages(c)).toEqual(['条件性材料须写明条件']);
  });

  it('refuses a select field without options, or with none listed', () => {
    const c = valid();
    const delivery = firstMatter(c).formFields[1]!;
    delete delivery.options;
    expect(messages(c)).toEqual(['下拉字段须有选项']);
    delivery.options = [];
    expect(messages(c)).toEqual(['下拉字段须有选项']);
  });

  it('takes a delivery choice only with its select field, the post option and the address field', () => {
    const c = valid();
    const m = firstMatter(c);
    m.delivery = { field: 'delivery', mailOption: '邮寄送达', addressField: 'mailAddress' };
    expect(messages(c)).toEqual(['缺少邮寄地址字段 mailAddress：GA-JZZSL-001']);
    m.formFields.push({ key: 'mailAddress', label: '邮寄地址', type: 'textarea', required: false });
    expect(messages(c)).toEqual([]);
    m.delivery.mailOption = '快递';
    expect(messages(c)).toEqual(['领取方式须为下拉字段且含「快递」：GA-JZZSL-001']);
    m.delivery = { ...m.delivery, mailOption: '邮寄送达', field: 'phone' };
    expect(messages(c)).toEqual(['领取方式须为下拉字段且含「邮寄送达」：GA-JZZSL-001']);
  });

  it('names the agent by the matter: 代办人 unless the matter says otherwise', () => {
    const c = valid();
    expect(agentTermOf(firstMatter(c))).toBe('代办人');
    firstMatter(c).agentTerm = '代理人';
    expect(agentTermOf(firstMatter(c))).toBe('代理人');
    expect(messages({ ...c, matters: [{ ...firstMatter(c), agentTerm: '经办人' }] })).not.toEqual([]);
  });
});
