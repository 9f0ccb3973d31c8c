import { Card } from 'antd';
import type { ReactNode } from 'react';

/**
 * The frame of the screens shown before the shell: first run, sign-in, lock, password change. Its
 * title is the screen's level-one heading.
 */
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
      <Card
        title={<h1 className="centered-title">{title}</h1>}
        extra={extra}
        style={{ width }}
        className="centered-card"
      >
        {children}
      </Card>
    </div>
  );
}
