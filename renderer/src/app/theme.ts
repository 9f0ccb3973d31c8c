import type { ThemeConfig } from 'antd';

/**
 * Calm and official: the default theme with a restrained blue and room for Chinese text. Every text
 * colour reaches WCAG AA (4.5:1) on white and on its own tag's tint: antd's greys (0.45 black is
 * 3.9:1), its red (#ff4d4f, 3.3:1) and its green (#52c41a, 2.2:1) do not.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    // Status colours dark enough to write in, on the light tints of antd's own palette.
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorError: '#cf1322',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    colorWarning: '#ad4e00',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    fontSize: 14,
    lineHeight: 1.6,
    borderRadius: 4,
    // Help text, secondary text, labels of descriptions and placeholders.
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    // Coloured tags whose text is too light on their tint are darkened in styles.css.
    fontFamily:
      '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", "Segoe UI", system-ui, sans-serif',
  },
};
