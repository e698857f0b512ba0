import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for WCAG AA contrast on white (antd's default blue #1677ff is only 4.1:1 under
 * white text, and its tertiary grey 3.4:1), with CJK fonts first so Chinese never falls back to
 * boxes or a mismatched face.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b4fb3',
    colorLink: '#0b4fb3',
    // Error text must reach 4.5:1 (antd's #ff4d4f is 3.3:1); the derived backgrounds would turn
    // murky from these darker bases, so they are set to the usual light tints.
    colorError: '#c62828',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    colorSuccess: '#2e7d32',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#a85d00',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.5)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    borderRadius: 6,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f4f6f9', headerPadding: '0 16px', headerHeight: 56 },
  },
};
