import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../preload/contract/schemas';
import { en } from './en';
import { zhCN } from './zh-CN';

const storageKey = 'yichuang.locale';

/** The language chosen on this PC, if any (it overrides the workstation default). */
export function storedLocale(): Locale | null {
  const value = window.localStorage.getItem(storageKey);
  return value === 'zh-CN' || value === 'en' ? value : null;
}

export function setLocale(locale: Locale): void {
  window.localStorage.setItem(storageKey, locale);
  void i18n.changeLanguage(locale);
}

/**
 * The date pickers' month and weekday names come from dayjs's locale, not antd's: both follow the
 * UI language (a zh-CN screen had an English calendar). The page's `lang` follows too (screen readers).
 */
function followLanguage(locale: string): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}
i18n.on('languageChanged', followLanguage);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLocale() ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
followLanguage(i18n.language);

export default i18n;
