// @vitest-environment jsdom
import { ConfigProvider, DatePicker } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setUpComponentTests } from '../sync/test-support';
import i18n, { setLocale } from './index';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

/** The calendar a date picker opens, in the UI's language (it was English inside the zh-CN UI). */
async function openCalendar(locale: 'zh-CN' | 'en'): Promise<string> {
  await act(async () => {
    setLocale(locale);
    await i18n.changeLanguage(locale);
  });
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>
        <DatePicker open defaultPickerValue={dayjs('2026-12-07')} />
      </ConfigProvider>,
    ),
  );
  const text = document.querySelector('.ant-picker-dropdown')?.textContent ?? '';
  act(() => root.unmount());
  return text;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the date pickers follow the UI language', () => {
  it('zh-CN: Chinese weekdays and month; the page says lang=zh-CN', async () => {
    const text = await openCalendar('zh-CN');
    expect(text).toContain('2026年');
    expect(text).toContain('12月');
    expect(text).toMatch(/一.*二.*三/);
    expect(text).not.toContain('Dec');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('English: English weekdays and month', async () => {
    const text = await openCalendar('en');
    expect(text).toContain('Dec');
    expect(text).toMatch(/Mo.*Tu/);
    expect(document.documentElement.lang).toBe('en');
  });
});
