import type { DecidedMaterial } from '../cases/model';
/**
 * The data each printed document is made from. Every document is a pure function from one of
 * these to PDF bytes; `main/documents/service.ts` gathers them from the database. Nothing here
 * carries a whole ID number: the paper shows them masked (first 6 and last 4).
 */

/** The hall and window the paper comes from. */
export interface HallInfo {
  /** e.g. 张店区市民中心 */
  name: string;
  address: string;
  phone: string;
  windowNumber: number;
}

/** Who applied, as printed. */
export interface PrintedParty {
  kind: 'person' | 'enterprise';
  name: string;
  /** 身份证号码 / 外国人永久居留身份证号码 / 统一社会信用代码 … */
  idLabel: string;
  /** Masked ID number; enterprises show the credit code whole (it is public). */
  idShown: string;
  /** Enterprises: 法定代表人. */
  legalRepresentative?: string;
  /** Masked phone, e.g. 138****5678; '' when none. */
  phoneMasked: string;
}

/** Which print of a document this is: the first successful print is the original (正本). */
export interface PrintCopy {
  /** 0 for the original; n for 副本 n. */
  copyNumber: number;
}

/** What every notice carries. */
export interface NoticeBase {
  /** 办件编号, e.g. 370303-20261127-003-0001 */
  caseNumber: string;
  /** Case version (a case resumed after a supplement is version 2, …). */
  version: number;
  matterName: string;
  matterCode: string;
  department: string;
  applicant: PrintedParty;
  agent: PrintedParty | null;
  /** The matter's word for the agent (代办人, 代理人 …), the same on every paper of the matter. */
  agentTerm: string;
  hall: HallInfo;
  clerkName: string;
  /** ISO instant of the decision. Printed as a Beijing date/time. */
  decidedAt: string;
  copy: PrintCopy;
  /** The progress-query address for this case, carried by the QR code. */
  progressUrl: string;
  /**
   * 好差评 later: central's rating page for this case (its QR code), the version's 评价码 and the last
   * day to use it; null when the window cannot offer it (not enrolled at central).
   */
  rating: { url: string; code: string; until: string } | null;
}

export interface ReceiptMaterial {
  name: string;
  /** Pages captured (0 when given as an electronic licence only). */
  pages: number;
  originalChecked: boolean;
  /** Paper copies received. */
  copies: number;
  eLicence: boolean;
}

/** 受理回执 */
export interface ReceiptData extends NoticeBase {
  materials: ReceiptMaterial[];
  /** 承诺时限, working days. */
  promisedDays: number;
  /** 法定时限, working days. */
  statutoryDays: number;
  /** YYYY-MM-DD, the promised completion date (承诺办结日期). */
  promisedDate: string;
  /** The calendar for that year is not published yet: counted on weekends only (暂按周末计算). */
  promisedProvisional: boolean;
  /** Fee in yuan; 0 prints 不收费. */
  fee: number;
  /** How the result reaches the applicant: the delivery they chose (by post with the address), or the matter's way. */
  collection: string;
  /** The result is posted: the receipt says it will come by post instead of asking to collect it. */
  byPost: boolean;
}

/** 一次性补正告知书 */
export interface SupplementNoticeData extends NoticeBase {
  /** Every missing or deficient item with what is wrong, in the citizen's words. */
  items: { name: string; reason: string }[];
  /** The clerk's further remarks; '' when none. */
  note: string;
  /** YYYY-MM-DD: bring the materials by this date. */
  deadline: string;
  deadlineProvisional: boolean;
  /** The law the notice is given under (行政许可法 第三十二条). */
  legalBasis: string;
  /** Who found the materials lacking when it was not the window (central's department); absent: the window. */
  reviewedBy?: string;
}

/** 不予受理通知书 */
export interface RejectionNoticeData extends NoticeBase {
  /** The reason as in the catalog. */
  reason: string;
  /** Its legal basis; null when the catalog has none (the matter's basis is printed then). */
  reasonBasis: string | null;
  /** The matter's legal basis. */
  matterBasis: string;
  /** The clerk's explanation; '' when none. */
  text: string;
  /** Where administrative reconsideration is applied for, e.g. 张店区人民政府. */
  reconsiderationBody: string;
}

/** One captured file of a case, for the material bundle. */
export interface BundleFile {
  itemName: string;
  mime: 'image/jpeg' | 'image/png' | 'application/pdf';
  bytes: Uint8Array;
  /** Clockwise degrees the clerk turned it on screen. */
  rotation: 0 | 90 | 180 | 270;
  name: string;
}

/** The case's materials compiled into one PDF: a cover page with the checklist, then every file. */
export interface BundleData {
  caseNumber: string;
  version: number;
  matterName: string;
  matterCode: string;
  applicant: PrintedParty;
  hall: HallInfo;
  clerkName: string;
  decidedAt: string;
  /** The checklist as decided, in the matter's order (agent items named in its word for the agent). */
  checklist: Omit<DecidedMaterial, 'itemId' | 'files'>[];
  files: BundleFile[];
}
