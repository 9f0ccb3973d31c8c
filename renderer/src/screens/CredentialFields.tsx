import { Form, Input } from 'antd';
import type { ReactNode } from 'react';

/** A required field whose message is its own label: an empty one says which it is. */
export function RequiredField({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: label }]}>
      {children}
    </Form.Item>
  );
}

/** The user name, as signing in and creating the first administrator ask it: focused first. */
export function UsernameField({ label, testId }: { label: string; testId: string }) {
  return (
    <RequiredField name="username" label={label}>
      <Input autoFocus autoComplete="username" data-testid={testId} />
    </RequiredField>
  );
}
