import type { ErrorText } from './text';

/**
 * What is wrong with a field of the intake (the applicant, the matter's form, the checklist),
 * said under the field as the clerk types and when a decision is refused. `{label}` is the
 * catalog's label of the field, `{item}` a material's name (both in the clerk's language where the
 * catalog has an English one).
 */
export const intakeErrors = {
  id_number_empty: { 'zh-CN': '请输入证件号码', en: 'Enter the ID number' },
  id_number_length: {
    'zh-CN': '证件号码应为 18 位，现在是 {length} 位',
    en: 'The ID number has 18 characters; this one has {length}',
  },
  id_number_chars: {
    'zh-CN': '证件号码只能是数字，最后一位可以是 X',
    en: 'The ID number has digits only; the last one may be X',
  },
  id_number_region: {
    'zh-CN': '证件号码中的行政区划代码无效：请核对前几位',
    en: 'The region code in the ID number is invalid: check the first digits',
  },
  id_number_birth_date: {
    'zh-CN': '证件号码中的出生日期（第 7–14 位）无效：请核对',
    en: 'The birth date in the ID number (digits 7–14) is invalid: check it',
  },
  id_number_check_digit: {
    'zh-CN': '证件号码校验位不符：请逐位核对，或改用读卡器读取',
    en: 'The ID number’s check digit does not match: check it digit by digit, or read the card instead',
  },
  credit_code_empty: { 'zh-CN': '请输入统一社会信用代码', en: 'Enter the unified social credit code' },
  credit_code_chars: {
    'zh-CN': '统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z）',
    en: 'The unified social credit code has digits and capital letters only (no I, O, S, V, Z)',
  },
  credit_code_length: {
    'zh-CN': '统一社会信用代码应为 18 位，现在是 {length} 位',
    en: 'The unified social credit code has 18 characters; this one has {length}',
  },
  credit_code_check_digit: {
    'zh-CN': '统一社会信用代码校验位不符：请逐位核对营业执照',
    en: 'The unified social credit code’s check character does not match: check it against the business licence',
  },
  person_name_empty: { 'zh-CN': '请输入姓名', en: 'Enter the name' },
  phone_invalid: {
    'zh-CN': '电话号码应为 11 位手机号或带区号的固定电话',
    en: 'The phone number must be an 11-digit mobile number or a landline with its area code',
  },
  enterprise_name_empty: { 'zh-CN': '请输入企业名称', en: 'Enter the enterprise’s name' },
  legal_representative_empty: {
    'zh-CN': '请输入法定代表人姓名',
    en: 'Enter the legal representative’s name',
  },
  field_required: { 'zh-CN': '请填写{label}', en: 'Fill in {label}' },
  field_too_long: { 'zh-CN': '{label}不超过 {max} 个字', en: '{label}: at most {max} characters' },
  field_not_number: { 'zh-CN': '{label}须为数字', en: '{label} must be a number' },
  field_below_min: { 'zh-CN': '{label}不能小于 {min}', en: '{label} must not be less than {min}' },
  field_above_max: { 'zh-CN': '{label}不能大于 {max}', en: '{label} must not be more than {max}' },
  field_not_date: {
    'zh-CN': '{label}须为日期，格式 YYYY-MM-DD',
    en: '{label} must be a date, as YYYY-MM-DD',
  },
  field_not_option: { 'zh-CN': '请从列表中选择{label}', en: 'Choose {label} from the list' },
  field_phone_invalid: {
    'zh-CN': '{label}应为 11 位手机号或带区号的固定电话',
    en: '{label} must be an 11-digit mobile number or a landline with its area code',
  },
  field_id_number: { 'zh-CN': '{label}：{problem}', en: '{label}: {problem}' },
  field_pattern: { 'zh-CN': '{label}格式不正确', en: '{label} is not in the right form' },
  /** The catalog's own message for its pattern: catalog text, shown as the catalog gives it. */
  field_pattern_message: { 'zh-CN': '{message}', en: '{message}' },
  item_not_captured: { 'zh-CN': '{item}：未采集', en: '{item}: not captured' },
  item_not_captured_elicence: {
    'zh-CN': '{item}：未采集（可用电子证照）',
    en: '{item}: not captured (an e-licence will do)',
  },
  item_original_not_checked: { 'zh-CN': '{item}：原件未核验', en: '{item}: original not checked' },
  item_incomplete: { 'zh-CN': '{item}：未完成', en: '{item}: not complete' },
  item_file_not_saved: {
    'zh-CN': '{item}：文件 {file} 未保存成功，请重新采集',
    en: '{item}: the file {file} was not saved; capture it again',
  },
  supplement_item_unknown: {
    'zh-CN': '补正材料 {item} 不在该事项的材料清单中',
    en: 'The material {item} to supplement is not on this matter’s checklist',
  },
  reject_reason_not_chosen: {
    'zh-CN': '请从列表中选择不予受理的原因',
    en: 'Choose the reason for rejection from the list',
  },
} as const satisfies Record<string, ErrorText>;
