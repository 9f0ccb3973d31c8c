import { Alert } from 'antd';
import type { AppErrorShape } from '../../../preload/contract/errors';
import { useErrorText } from '../lib/result';

/** An error that stays on screen until the next attempt (sign-in, unlock), not a passing toast. */
export function ErrorAlert({ error, testId }: { error: AppErrorShape | null; testId: string }) {
  const errorText = useErrorText();
  if (!error) return null;
  return <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid={testId} />;
}
