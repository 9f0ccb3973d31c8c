import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../preload/contract/devices';
import type { Result } from '../../../preload/contract/envelope';
import {
  errorText,
  localizedError,
  type AppErrorShape,
  type ErrorCode,
  type ErrorParams,
} from '../../../preload/contract/errors';

/** The text a clerk sees for an error: the catalog's message for its code, in the clerk's language. */
export function useErrorText(): (error: Pick<AppErrorShape, 'code' | 'message' | 'params'>) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useCallback((error) => localizedError(error, locale), [locale]);
}

/** A coded problem (a field's, a self-test step's) in the clerk's language. */
export function useCodeText(): (problem: { code: ErrorCode; params?: ErrorParams | undefined }) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useCallback((problem) => errorText(problem.code, problem.params, locale), [locale]);
}

/** A device's fault in the clerk's language; null when it has none. */
export function useDeviceFaultText(): (status: DeviceStatus) => string | null {
  const errorText = useErrorText();
  return useCallback(
    (status: DeviceStatus) =>
      status.code && status.message
        ? errorText({ code: status.code, message: status.message, ...(status.params ? { params: status.params } : {}) })
        : status.message,
    [errorText],
  );
}

/**
 * Awaits a bridge call; on failure shows the message (and marks form fields the service named)
 * and answers null, so screens keep what the clerk typed.
 */
export function useRun() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback(
    async <T>(call: Promise<Result<T>>, form?: FormInstance): Promise<T | null> => {
      const result = await call;
      if (result.ok) return result.value;
      if (form && result.error.fields) {
        form.setFields(
          Object.entries(result.error.fields).map(([path, text]) => ({ name: path.split('.'), errors: [text] })),
        );
      }
      void message.error(errorText(result.error));
      return null;
    },
    [message, errorText],
  );
}
