import type { Catalog } from '../catalog';

/** Test data only: a small catalog whose matters the case tests know by heart. */
export function testCatalog(version = 9_000_000_001): Catalog {
  return {
    version,
    publishedAt: '2026-11-27',
    publisher: '测试',
    matters: [
      {
        code: 'TEST-JZZ-001',
        name: '居住证申领',
        department: '公安分局',
        subject: 'individual',
        legalBasis: '《居住证暂行条例》第九条',
        statutoryDays: 15,
        promisedDays: 7,
        fee: 0,
        collection: '窗口领取',
        formFields: [
          { key: 'phone', label: '联系电话', type: 'phone', required: true, prefill: 'phone' },
          {
            key: 'residenceAddress',
            label: '居住地址',
            type: 'text',
            required: true,
            maxLength: 100,
            prefill: 'residenceAddress',
          },
          { key: 'reason', label: '居住事由', type: 'select', required: true, options: ['务工', '就学', '居住'] },
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
            id: 'photo',
            name: '近期一寸免冠照片',
            requirement: 'required',
            originalCheck: false,
            copies: 2,
            eLicence: false,
          },
          {
            id: 'residence-proof',
            name: '居住证明',
            requirement: 'required',
            originalCheck: true,
            copies: 1,
            eLicence: false,
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
        rejectReasons: [
          { code: 'not-eligible', text: '申请人不符合居住证申领条件', basis: '《居住证暂行条例》第二条' },
          {
            code: 'not-our-matter',
            text: '申请事项不属于本机关职权范围',
            basis: '《中华人民共和国行政许可法》第三十二条',
          },
        ],
      },
      {
        code: 'TEST-GSSL-001',
        name: '公司设立登记',
        department: '市场监督管理局',
        subject: 'enterprise',
        legalBasis: '《中华人民共和国市场主体登记管理条例》',
        statutoryDays: 3,
        promisedDays: 1,
        fee: 0,
        collection: '窗口领取营业执照',
        formFields: [{ key: 'capital', label: '注册资本（万元）', type: 'number', required: true, min: 1 }],
        materials: [
          {
            id: 'application',
            name: '公司登记申请书',
            requirement: 'required',
            originalCheck: false,
            copies: 1,
            eLicence: false,
          },
          {
            id: 'articles',
            name: '公司章程',
            requirement: 'required',
            originalCheck: false,
            copies: 1,
            eLicence: false,
          },
          {
            id: 'premises',
            name: '住所使用证明',
            requirement: 'required',
            originalCheck: true,
            copies: 1,
            eLicence: false,
          },
        ],
        rejectReasons: [{ code: 'name-conflict', text: '企业名称与已登记名称相同', basis: '《企业名称登记管理规定》' }],
      },
    ],
  };
}
