import { z } from 'zod';
import { maskIdNumber, maskPhone, normalizeIdNumber } from './id-numbers';

/**
 * The matter catalog (政务服务事项目录): what a window can take, with each matter's form and
 * material checklist. Shipped in `resources/catalog/`, versioned so central can replace it.
 */

export const subjectKinds = ['individual', 'enterprise'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

export const formFieldTypes = ['text', 'textarea', 'number', 'date', 'select', 'phone', 'idNumber'] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/**
 * The applicant detail a form field holds (what fills it, and what the applicant registry learns
 * from it): the card's identity, the applicant panel's entries, or what the applicant gave in an
 * earlier case. `address` is the card's (户籍) address; `residenceAddress` where the applicant
 * lives now, never taken from the card.
 */
export const prefillSources = [
  'name',
  'sex',
  'nation',
  'birthDate',
  'address',
  'residenceAddress',
  'idNumber',
  'phone',
  'enterpriseName',
  'creditCode',
  'legalRepresentative',
] as const;
export type PrefillSource = (typeof prefillSources)[number];

const keySchema = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, '字段键为小写字母开头的字母数字');

export const formFieldSchema = z
  .object({
    key: keySchema,
    label: z.string().min(1).max(40),
    labelEn: z.string().min(1).max(80).optional(),
    type: z.enum(formFieldTypes),
    required: z.boolean(),
    /** A regular expression the whole value must match (JavaScript syntax, no flags). */
    pattern: z.string().max(200).optional(),
    /** The Chinese message shown when `pattern` does not match: says what to type. */
    patternMessage: z.string().max(80).optional(),
    options: z.array(z.string().min(1).max(40)).max(50).optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    placeholder: z.string().max(60).optional(),
    prefill: z.enum(prefillSources).optional(),
  })
  .strict()
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, { message: '下拉字段须有选项' });
export type FormField = z.infer<typeof formFieldSchema>;

/**
 * A form value as shown to anyone but the clerk typing it: a field that holds an ID number (by
 * type or by what fills it) masked as an ID number, one that holds a phone as a phone; others as
 * they are.
 */
export function maskedFormValue(field: Pick<FormField, 'type' | 'prefill'>, value: string): string {
  if (field.type === 'idNumber' || field.prefill === 'idNumber') return maskIdNumber(normalizeIdNumber(value));
  if (field.type === 'phone' || field.prefill === 'phone') return maskPhone(value);
  return value;
}

/** Required always; conditional when `condition` applies (the clerk ticks it); optional never blocks. */
export const requirementKinds = ['required', 'conditional', 'optional'] as const;
export type Requirement = (typeof requirementKinds)[number];

export const materialItemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '材料编号为小写字母、数字和 -'),
    name: z.string().min(1).max(60),
    nameEn: z.string().min(1).max(120).optional(),
    requirement: z.enum(requirementKinds),
    /** When a conditional item applies, e.g. 「已婚的」. */
    condition: z.string().max(60).optional(),
    /** The clerk must check the original (原件核验) before the item is complete. */
    originalCheck: z.boolean(),
    /** Paper copies to keep (0 when only the original is checked or a scan is enough). */
    copies: z.number().int().min(0).max(10),
    /** An electronic licence (电子证照) is accepted instead of paper. */
    eLicence: z.boolean(),
    note: z.string().max(120).optional(),
  })
  .strict()
  .refine((m) => m.requirement !== 'conditional' || !!m.condition, { message: '条件性材料须写明条件' });
export type MaterialItem = z.infer<typeof materialItemSchema>;

export const reasonSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9-]{1,40}$/),
    text: z.string().min(1).max(120),
    /** The legal basis quoted on the notice. */
    basis: z.string().max(200).optional(),
  })
  .strict();
export type Reason = z.infer<typeof reasonSchema>;

export const deliverySchema = z
  .object({
    field: keySchema,
    mailOption: z.string().min(1).max(40),
    addressField: keySchema,
  })
  .strict();
export type Delivery = z.infer<typeof deliverySchema>;

/** The words a matter may use for the person who applies on the applicant's behalf. */
export const agentTerms = ['代办人', '代理人', '委托代理人'] as const;
export type AgentTerm = (typeof agentTerms)[number];

/** The matter's word for the agent: one word per matter, on every paper and screen. */
export function agentTermOf(matter: Pick<Matter, 'agentTerm'>): AgentTerm {
  return matter.agentTerm ?? '代办人';
}

export const matterSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]{3,40}$/, '事项编码为大写字母、数字和 -'),
    name: z.string().min(1).max(60),
    nameEn: z.string().min(1).max(160).optional(),
    department: z.string().min(1).max(40),
    departmentEn: z.string().min(1).max(120).optional(),
    /** The department's code (统一社会信用代码 or the province's 部门编码), where the catalog has it: ratings report it. */
    departmentCode: z.string().min(1).max(40).optional(),
    subject: z.enum(subjectKinds),
    /**
     * An enterprise matter for an enterprise not registered yet (设立登记): it has no 统一社会信用代码
     * until the matter is decided, so the code is not asked for (checked if typed).
     */
    newEnterprise: z.boolean().optional(),
    legalBasis: z.string().min(1).max(400),
    /** 法定时限, working days. */
    statutoryDays: z.number().int().min(0).max(365),
    /** 承诺时限, working days from acceptance; 0 is 即办 (decided on the spot). */
    promisedDays: z.number().int().min(0).max(365),
    /** Fee in yuan; 0 is free. */
    fee: z.number().min(0).max(1_000_000),
    feeNote: z.string().max(120).optional(),
    /** Where and how the result is collected. */
    collection: z.string().min(1).max(120),
    /**
     * When the applicant chooses how to receive the result: the select field holding the choice,
     * the option that means by post, and the field holding the mailing address. The receipt prints
     * the choice (and the address for post) instead of `collection`.
     */
    delivery: deliverySchema.optional(),
    /** What the paper and the screens call a person applying on the applicant's behalf; 代办人 when absent. */
    agentTerm: z.enum(agentTerms).optional(),
    formFields: z.array(formFieldSchema).max(40),
    materials: z.array(materialItemSchema).min(1).max(40),
    /** Reasons for 不予受理 the clerk picks from (plus free text). */
    rejectReasons: z.array(reasonSchema).min(1).max(20),
  })
  .strict()
  .superRefine((m, ctx) => {
    const keys = new Set<string>();
    for (const f of m.formFields) {
      if (keys.has(f.key)) ctx.addIssue({ code: 'custom', message: `表单字段重复：${f.key}` });
      keys.add(f.key);
    }
    const ids = new Set<string>();
    for (const item of m.materials) {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', message: `材料编号重复：${item.id}` });
      ids.add(item.id);
    }
    if (m.delivery) {
      const { field, mailOption, addressField } = m.delivery;
      const choice = m.formFields.find((f) => f.key === field);
      if (choice?.type !== 'select' || !choice.options?.includes(mailOption)) {
        ctx.addIssue({ code: 'custom', message: `领取方式须为下拉字段且含「${mailOption}」：${m.code}` });
      }
      if (!m.formFields.some((f) => f.key === addressField)) {
        ctx.addIssue({ code: 'custom', message: `缺少邮寄地址字段 ${addressField}：${m.code}` });
      }
    }
    if (m.promisedDays > m.statutoryDays && m.statutoryDays > 0) {
      ctx.addIssue({ code: 'custom', message: `承诺时限不能长于法定时限：${m.code}` });
    }
  });
export type Matter = z.infer<typeof matterSchema>;

/** A catalog version as central publishes it and as it ships in `resources/catalog/`. */
export const catalogSchema = z
  .object({
    /** Increases with every publication, e.g. 2026112701; the highest loaded version is used. */
    version: z.number().int().positive(),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    publisher: z.string().min(1).max(60),
    matters: z.array(matterSchema).min(1).max(2000),
  })
  .strict()
  .superRefine((c, ctx) => {
    const codes = new Set<string>();
    for (const m of c.matters) {
      if (codes.has(m.code)) ctx.addIssue({ code: 'custom', message: `事项编码重复：${m.code}` });
      codes.add(m.code);
    }
  });
export type Catalog = z.infer<typeof catalogSchema>;

/** A matter as the UI gets it: with its pinyin, so the picker searches without a pinyin library. */
export const catalogMatterSchema = matterSchema.and(
  z.object({
    /** Pinyin initials of the name, lower case: 居住证签注 → jzzqz. */
    initials: z.string(),
    /** Full pinyin of the name without tones or spaces: juzhuzhengqianzhu. */
    pinyin: z.string(),
  }),
);
export type CatalogMatter = z.infer<typeof catalogMatterSchema>;

export const catalogInfoSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  publisher: z.string(),
  /** `shipped` from resources/, `central` when pulled from the central system. */
  source: z.enum(['shipped', 'central']),
  loadedAt: z.string(),
  count: z.number().int(),
});
export type CatalogInfo = z.infer<typeof catalogInfoSchema>;

/**
 * Does the matter match what the clerk typed? By code (prefix), by name (substring), by pinyin
 * initials (prefix or substring) or full pinyin (prefix). Ranked: lower is better, null is no match.
 */
export function matterMatchRank(
  matter: Pick<CatalogMatter, 'code' | 'name' | 'initials' | 'pinyin' | 'department'>,
  query: string,
): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  if (matter.code.toLowerCase() === q) return 0;
  if (matter.name === query.trim()) return 0;
  if (matter.initials.startsWith(q)) return 1;
  if (matter.name.startsWith(query.trim())) return 1;
  if (matter.code.toLowerCase().startsWith(q)) return 2;
  if (matter.name.includes(query.trim())) return 3;
  if (matter.initials.includes(q)) return 4;
  if (matter.pinyin.startsWith(q.replace(/\s+/g, ''))) return 4;
  if (matter.department.includes(query.trim())) return 5;
  return null;
}

/** The matters that match, best first (ties keep catalog order). */
export function searchMatters<T extends Pick<CatalogMatter, 'code' | 'name' | 'initials' | 'pinyin' | 'department'>>(
  matters: readonly T[],
  query: string,
): T[] {
  const ranked: { m: T; rank: number; i: number }[] = [];
  matters.forEach((m, i) => {
    const rank = matterMatchRank(m, query);
    if (rank !== null) ranked.push({ m, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return ranked.map((r) => r.m);
}
