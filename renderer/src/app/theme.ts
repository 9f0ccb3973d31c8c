import type { ThemeConfig } from 'antd';

/** Calm and official: the default theme with a restrained blue and room for Chinese text. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    fontSize: 14,
    lineHeight: 1.6,
    borderRadius: 4,
    fontFamily:
      '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", "Segoe UI", system-ui, sans-serif',
  },
};
