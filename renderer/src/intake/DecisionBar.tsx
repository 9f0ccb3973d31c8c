import { CheckOutlined, ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../preload/contract/intake';
import { useCodeText } from '../lib/result';

interface DecisionBarProps {
  /** A draft with a matter: the decisions can be asked for. */
  enabled: boolean;
  showReadiness: boolean;
  ready: boolean;
  /** Required checklist items not complete yet. */
  missing: number;
  /** Everything that stops acceptance, once the clerk has tried (null before). */
  problems: FieldProblem[] | null;
  onOpen: (kind: 'accept' | 'supplement' | 'reject') => void;
}

/** The decisions, always at the bottom with their keys, and whether the case can be accepted. */
export function DecisionBar({ enabled, showReadiness, ready, missing, problems, onOpen }: DecisionBarProps) {
  const { t } = useTranslation();
  const codeText = useCodeText();
  // The problems come as codes: said here, in the clerk's language.
  const said = problems?.map((p) => codeText(p));
  return (
    <div className="intake-actions">
      <div className="intake-readiness" data-testid="readiness">
        {showReadiness && (
          <>
            {ready ? (
              <Typography.Text type="success">
                <CheckOutlined /> {t('intake.readyToAccept')}
              </Typography.Text>
            ) : (
              <Typography.Text type="warning">
                <ExclamationCircleOutlined /> {t('intake.notReady', { missing })}
              </Typography.Text>
            )}
            {said && (
              <Typography.Text
                type="secondary"
                className="problems-line"
                data-testid="problems"
                title={said.join('\n')}
              >
                {said.join(t('common.listSeparator'))}
              </Typography.Text>
            )}
          </>
        )}
      </div>
      <Space>
        <Button
          type="primary"
          size="large"
          disabled={!enabled}
          onClick={() => onOpen('accept')}
          data-testid="decide-accept"
        >
          {t('intake.decide.accept')} <kbd>F8</kbd>
        </Button>
        <Button
          size="large"
          className="btn-supplement"
          disabled={!enabled}
          onClick={() => onOpen('supplement')}
          data-testid="decide-supplement"
        >
          {t('intake.decide.supplement')} <kbd>F9</kbd>
        </Button>
        <Button
          size="large"
          danger
          icon={<StopOutlined />}
          disabled={!enabled}
          onClick={() => onOpen('reject')}
          data-testid="decide-reject"
        >
          {t('intake.decide.reject')} <kbd>F10</kbd>
        </Button>
      </Space>
    </div>
  );
}
