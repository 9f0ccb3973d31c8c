import { join } from 'node:path';
import { resourcesDir } from '../../testing/workstation';
import { makeJpeg, makePdf } from '../../testing/sample-files';
import { makePng } from '@yichuang/domain/testing/images';
import type {
  BundleData,
  HallInfo,
  NoticeBase,
  PrintedParty,
  ReceiptData,
  ReceiptMaterial,
  RejectionNoticeData,
  SupplementNoticeData,
} from '../types';

/** Test helpers only: realistic data for every printed document. */

export const fontPath = join(resourcesDir, 'fonts', 'NotoSansSC-Regular.ttf');

export const sampleHall: HallInfo = {
  name: '张店区市民中心',
  address: '山东省淄博市张店区人民西路 99 号市民中心一楼政务服务大厅',
  phone: '0533-2186000',
  windowNumber: 3,
};

export const sampleApplicant: PrintedParty = {
  kind: 'person',
  name: '王晓明',
  idLabel: '公民身份号码',
  idShown: '370303********1234',
  phoneMasked: '138****5678',
};

export const sampleEnterprise: PrintedParty = {
  kind: 'enterprise',
  name: '淄博齐鲁新材料科技有限公司',
  idLabel: '统一社会信用代码',
  idShown: '91370303MA3C8XK12Q',
  legalRepresentative: '刘建国',
  phoneMasked: '0533-****016',
};

export const sampleAgent: PrintedParty = {
  kind: 'person',
  name: '赵丽',
  idLabel: '公民身份号码',
  idShown: '370302********2046',
  phoneMasked: '139****0217',
};

export const sampleMaterials: ReceiptMaterial[] = [
  { name: '居民身份证', pages: 2, originalChecked: true, copies: 1, eLicence: true },
  { name: '《山东省居住证申领登记表》', pages: 1, originalChecked: true, copies: 0, eLicence: false },
  { name: '近期一寸免冠白底彩色照片', pages: 1, originalChecked: false, copies: 2, eLicence: false },
  { name: '房屋租赁合同（或房屋所有权证明）', pages: 4, originalChecked: true, copies: 1, eLicence: false },
  { name: '劳动合同或用人单位出具的在职证明', pages: 3, originalChecked: true, copies: 1, eLicence: false },
  { name: '社会保险缴费证明（近六个月）', pages: 0, originalChecked: false, copies: 0, eLicence: true },
];

/** Twenty more materials than fit on one page, for the page-2 checks. */
export function longMaterialList(count = 26): ReceiptMaterial[] {
  const names = [
    '营业执照',
    '法定代表人身份证明书',
    '公司章程（含历次修正案）',
    '股东会决议',
    '经营场所使用证明',
    '环境影响评价批复文件',
    '消防安全检查合格证明',
    '卫生许可证申请书',
  ];
  return Array.from({ length: count }, (_, i) => ({
    name: `${names[i % names.length]}（第 ${i + 1} 份）`,
    pages: (i % 5) + 1,
    originalChecked: i % 3 !== 0,
    copies: i % 2,
    eLicence: i % 4 === 0,
  }));
}

export function sampleNoticeBase(overrides: Partial<NoticeBase> = {}): NoticeBase {
  return {
    caseNumber: '370303-20261127-003-0001',
    version: 1,
    matterName: '居住证申领',
    matterCode: 'GA-JZZSL-001',
    department: '淄博市公安局张店分局',
    applicant: sampleApplicant,
    agent: null,
    agentTerm: '代办人',
    hall: sampleHall,
    clerkName: '李娜',
    decidedAt: '2026-11-27T02:05:00.000Z',
    copy: { copyNumber: 0 },
    progressUrl: 'https://zwfw.zibo.gov.cn/yc/progress?no=370303-20261127-003-0001',
    rating: {
      url: 'https://central.zibo.gov.cn/rate?case=370303-20261127-003-0001',
      code: '40271938',
      until: '2026-12-04',
    },
    ...overrides,
  };
}

/** A typical accepted case: six materials, promised in 7 working days, the date provisional. */
export function sampleReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    ...sampleNoticeBase(),
    materials: sampleMaterials,
    promisedDays: 7,
    statutoryDays: 15,
    promisedDate: '2026-12-08',
    promisedProvisional: true,
    fee: 0,
    collection: '窗口领取（凭本回执和申请人身份证原件，到 3 号窗口领取）',
    byPost: false,
    ...overrides,
  };
}

export function sampleSupplement(overrides: Partial<SupplementNoticeData> = {}): SupplementNoticeData {
  return {
    ...sampleNoticeBase(),
    items: [
      {
        name: '房屋租赁合同',
        reason: '合同已过期（到期日 2026年10月31日），请提供在有效期内的租赁合同原件及复印件一份',
      },
      { name: '近期一寸免冠白底彩色照片', reason: '照片为蓝底，请提供近六个月内的白底彩色照片两张' },
      { name: '社会保险缴费证明', reason: '缴费记录不满六个月，请提供近六个月连续缴费证明（可在“爱山东”APP 下载）' },
    ],
    note: '补正时请携带本告知书；委托他人办理的，另需提供委托书和受托人身份证原件。',
    deadline: '2027-01-08',
    deadlineProvisional: true,
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（四）项',
    ...overrides,
  };
}

export function sampleRejection(overrides: Partial<RejectionNoticeData> = {}): RejectionNoticeData {
  return {
    ...sampleNoticeBase(),
    reason: '不属于本行政机关职权范围（申请人居住地不在张店区）',
    reasonBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
    matterBasis: '《居住证暂行条例》第九条',
    text: '申请人现居住于淄川区，请向淄川区政务服务中心申请办理。',
    reconsiderationBody: '淄博市张店区人民政府',
    ...overrides,
  };
}

/** A bundle with a PNG, a JPEG turned 90°, and a three-page PDF. */
export async function sampleBundle(overrides: Partial<BundleData> = {}): Promise<BundleData> {
  return {
    caseNumber: '370303-20261127-003-0001',
    version: 1,
    matterName: '居住证申领',
    matterCode: 'GA-JZZSL-001',
    applicant: sampleApplicant,
    hall: sampleHall,
    clerkName: '李娜',
    decidedAt: '2026-11-27T02:05:00.000Z',
    checklist: [
      {
        name: '居民身份证',
        required: true,
        status: 'complete',
        pages: 1,
        originalChecked: true,
        copies: 1,
        eLicence: true,
      },
      {
        name: '近期一寸免冠白底彩色照片',
        required: true,
        status: 'complete',
        pages: 1,
        originalChecked: false,
        copies: 2,
        eLicence: false,
      },
      {
        name: '房屋租赁合同',
        required: true,
        status: 'complete',
        pages: 3,
        originalChecked: true,
        copies: 1,
        eLicence: false,
      },
      {
        name: '在职证明',
        required: false,
        status: 'optional_empty',
        pages: 0,
        originalChecked: false,
        copies: 0,
        eLicence: false,
      },
    ],
    files: [
      { itemName: '居民身份证', mime: 'image/png', bytes: makePng(320, 200, 3), rotation: 0, name: 'idcard-front.png' },
      {
        itemName: '近期一寸免冠白底彩色照片',
        mime: 'image/jpeg',
        bytes: makeJpeg(4, 8),
        rotation: 90,
        name: 'photo.jpg',
      },
      {
        itemName: '房屋租赁合同',
        mime: 'application/pdf',
        bytes: await makePdf(3, '租赁合同'),
        rotation: 0,
        name: '租赁合同.pdf',
      },
    ],
    ...overrides,
  };
}
