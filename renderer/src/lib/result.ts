import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../preload/contract/envelope';
import type { AppErrorShape } from '../../../preload/contract/errors';

/** The text a clerk sees for an error: the service's own Chinese message, or its translation. */
export function useErrorText(): (error: AppErrorShape) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: AppErrorShape) =>
      i18n.language === 'zh-CN' ? error.message : t(`errors.${error.code}`, { defaultValue: error.message }),
    [t, i18n.language],
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
