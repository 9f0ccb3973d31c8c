import { Badge } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync } from '../sync/sync-context';

/**
 * The 办件 menu item's count of cases with central's decision nobody at this window has opened:
 * beside the label, and as a dot on the icon when the menu is collapsed (the workbench).
 */
export function UnseenCount() {
  const { t } = useTranslation();
  const { unseenCount } = useSync();
  if (unseenCount === 0) return null;
  return (
    <Badge
      count={unseenCount}
      size="small"
      className="nav-unseen"
      data-testid="nav-cases-unseen"
      title={t('cases.list.unseenCount', { count: unseenCount })}
      aria-label={t('cases.list.unseenCount', { count: unseenCount })}
    />
  );
}

export function UnseenDot({ children }: { children: ReactNode }) {
  const { unseenCount } = useSync();
  return (
    <Badge dot={unseenCount > 0} offset={[2, 2]}>
      {children}
    </Badge>
  );
}
