/** One error message in each language the workstation speaks; `{name}` marks a param. */
export interface ErrorText {
  'zh-CN': string;
  en: string;
}
