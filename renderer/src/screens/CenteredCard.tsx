import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The frame of the screens shown before the shell: first run, sign-in, lock, password change. */
export function CenteredCard({
  title,
  width = 420,
  children,
  extra,
}: {
  title: ReactNode;
  width?: number;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="centered-page">
      <Card title={title} extra={extra} style={{ width }} className="centered-card">
        {children}
      </Card>
    </div>
  );
}
