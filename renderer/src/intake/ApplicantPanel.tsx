import { IdcardOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Divider, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDraft, EnterpriseDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { PersonFields } from './person-fields';

export type CardSlot = 'person' | 'agent';

interface ApplicantPanelProps {
  draft: CaseDraft;
  matter: Matter | null;
  problems: Record<string, string>;
  cardSlot: CardSlot;
  onCardSlot: (slot: CardSlot) => void;
  onReadCard: () => void;
  onChange: (change: (draft: CaseDraft) => CaseDraft) => void;
  onIdComplete: (kind: 'person' | 'enterprise', idNumber: string) => void;
}

function sub(problems: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(problems)) if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}

/** Left column: who applies — the card holder or a typed person, or the enterprise; and the agent. */
export function ApplicantPanel(props: ApplicantPanelProps) {
  const { draft, matter, problems, onChange } = props;
  const { t } = useTranslation();
  const enterprise = matter?.subject === 'enterprise';
  const setEnterprise = (patch: Partial<EnterpriseDraft>) =>
    onChange((d) => ({ ...d, enterprise: { ...d.enterprise, ...patch } }));
  const ep = sub(problems, 'enterprise');

  return (
    <Card
      size="small"
      className="intake-column"
      title={t('intake.applicant.title')}
      extra={
        <Button size="small" icon={<IdcardOutlined />} onClick={props.onReadCard} data-testid="read-card">
          {t('intake.applicant.readCard')} <kbd>F2</kbd>
        </Button>
      }
    >
      <Form layout="vertical" size="small" className="intake-form" component="div">
        <div className="card-slot">
          <Typography.Text type="secondary">{t('intake.applicant.cardFills')}</Typography.Text>
          <Radio.Group
            size="small"
            value={props.cardSlot}
            onChange={(e) => props.onCardSlot(e.target.value as CardSlot)}
            options={[
              {
                value: 'person',
                label: enterprise ? t('intake.applicant.legalRep') : t('intake.applicant.applicant'),
                disabled: enterprise,
              },
              { value: 'agent', label: t('intake.applicant.agent'), disabled: !draft.hasAgent },
            ]}
          />
        </div>
        {enterprise ? (
          <>
            <Form.Item
              label={t('intake.enterprise.name')}
              required
              validateStatus={draft.enterprise.name && ep.name ? 'error' : undefined}
            >
              <Input
                data-testid="enterprise-name"
                value={draft.enterprise.name}
                maxLength={100}
                onChange={(e) => setEnterprise({ name: e.target.value })}
              />
            </Form.Item>
            <Form.Item
              label={t('intake.enterprise.creditCode')}
              required
              validateStatus={draft.enterprise.creditCode && ep.creditCode ? 'error' : undefined}
              help={draft.enterprise.creditCode ? ep.creditCode : undefined}
              hasFeedback={draft.enterprise.creditCode !== ''}
            >
              <Input
                data-testid="enterprise-credit-code"
                className="mono"
                value={draft.enterprise.creditCode}
                maxLength={18}
                onChange={(e) => {
                  const creditCode = e.target.value.replace(/\s/g, '').toUpperCase();
                  setEnterprise({ creditCode });
                  if (creditCode.length === 18) props.onIdComplete('enterprise', creditCode);
                }}
              />
            </Form.Item>
            <Form.Item label={t('intake.enterprise.legalRepresentative')} required>
              <Input
                data-testid="enterprise-legal-rep"
                value={draft.enterprise.legalRepresentative}
                maxLength={60}
                onChange={(e) => setEnterprise({ legalRepresentative: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('intake.person.phone')}>
              <Input
                data-testid="enterprise-phone"
                value={draft.enterprise.phone}
                maxLength={20}
                onChange={(e) => setEnterprise({ phone: e.target.value.trim() })}
              />
            </Form.Item>
          </>
        ) : (
          <PersonFields
            slot="person"
            value={draft.person}
            problems={sub(problems, 'person')}
            onChange={(person) => onChange((d) => ({ ...d, person }))}
            onIdComplete={(id) => props.onIdComplete('person', id)}
          />
        )}
        <Divider titlePlacement="start" plain className="intake-divider">
          <Checkbox
            data-testid="has-agent"
            checked={draft.hasAgent}
            onChange={(e) => {
              const hasAgent = e.target.checked;
              onChange((d) => ({ ...d, hasAgent }));
              props.onCardSlot(hasAgent ? 'agent' : enterprise ? 'agent' : 'person');
            }}
          >
            {enterprise ? t('intake.applicant.hasAgentEnterprise') : t('intake.applicant.hasAgent')}
          </Checkbox>
        </Divider>
        {draft.hasAgent && (
          <>
            <Typography.Paragraph type="secondary" className="intake-hint">
              {t('intake.applicant.agentHint')}
            </Typography.Paragraph>
            <PersonFields
              slot="agent"
              value={draft.agent}
              problems={sub(problems, 'agent')}
              onChange={(agent) => onChange((d) => ({ ...d, agent }))}
            />
          </>
        )}
      </Form>
    </Card>
  );
}
