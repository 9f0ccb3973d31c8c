import { IdcardOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDraft, EnterpriseDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { panelPathOf } from '../../../preload/contract/applicant-fields';
import type { FieldProblems } from '../../../preload/contract/intake';
import { useFieldCheck } from './focus';
import { PersonFields } from './person-fields';

export type CardSlot = 'person' | 'agent';
/** Whose earlier cases a whole ID number or credit code looks up. */
export type HistoryOf = 'person' | 'agent' | 'enterprise';

interface ApplicantPanelProps {
  draft: CaseDraft;
  matter: Matter | null;
  problems: FieldProblems;
  cardSlot: CardSlot;
  onCardSlot: (slot: CardSlot) => void;
  onReadCard: () => void;
  onChange: (change: (draft: CaseDraft) => CaseDraft) => void;
  onIdComplete: (whose: HistoryOf, idNumber: string) => void;
}

function sub(problems: FieldProblems, prefix: string): FieldProblems {
  const out: FieldProblems = {};
  for (const [k, v] of Object.entries(problems)) if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}

/** The panel paths the matter's form requires (its phone, say): marked required here, where they are typed. */
function requiredPanelPaths(matter: Matter | null): Set<string> {
  const paths = new Set<string>();
  for (const field of matter?.formFields ?? []) {
    const path = panelPathOf(matter!.subject, field);
    if (path && field.required) paths.add(path);
  }
  return paths;
}

/** The enterprise that applies: name, credit code (GB 32100), legal representative, phone. */
function EnterpriseFields({
  enterprise,
  problems,
  phoneRequired,
  onChange,
  onCodeComplete,
}: {
  enterprise: EnterpriseDraft;
  problems: FieldProblems;
  phoneRequired: boolean;
  onChange: (patch: Partial<EnterpriseDraft>) => void;
  onCodeComplete: (creditCode: string) => void;
}) {
  const { t } = useTranslation();
  const name = useFieldCheck('enterprise.name', enterprise.name, problems.name);
  const code = useFieldCheck('enterprise.creditCode', enterprise.creditCode, problems.creditCode);
  const rep = useFieldCheck(
    'enterprise.legalRepresentative',
    enterprise.legalRepresentative,
    problems.legalRepresentative,
  );
  const phone = useFieldCheck('enterprise.phone', enterprise.phone, problems.phone);
  const status = (problem: string | undefined) => (problem ? 'error' : undefined);
  return (
    <>
      <Form.Item label={t('intake.enterprise.name')} required validateStatus={status(name.problem)} help={name.problem}>
        <Input
          data-testid="enterprise-name"
          aria-label={t('intake.enterprise.name')}
          {...name.input}
          value={enterprise.name}
          maxLength={100}
          onChange={(e) => onChange({ name: e.target.value })}
        />
      </Form.Item>
      <Form.Item
        label={t('intake.enterprise.creditCode')}
        required
        validateStatus={status(code.problem)}
        help={code.problem}
        hasFeedback={!!code.problem}
      >
        <Input
          data-testid="enterprise-credit-code"
          aria-label={t('intake.enterprise.creditCode')}
          {...code.input}
          className="mono"
          value={enterprise.creditCode}
          maxLength={18}
          onChange={(e) => {
            const creditCode = e.target.value.replace(/\s/g, '').toUpperCase();
            onChange({ creditCode });
            if (creditCode.length === 18) onCodeComplete(creditCode);
          }}
        />
      </Form.Item>
      <Form.Item
        label={t('intake.enterprise.legalRepresentative')}
        required
        validateStatus={status(rep.problem)}
        help={rep.problem}
      >
        <Input
          data-testid="enterprise-legal-rep"
          aria-label={t('intake.enterprise.legalRepresentative')}
          {...rep.input}
          value={enterprise.legalRepresentative}
          maxLength={60}
          onChange={(e) => onChange({ legalRepresentative: e.target.value })}
        />
      </Form.Item>
      <Form.Item
        label={t('intake.person.phone')}
        required={phoneRequired}
        validateStatus={status(phone.problem)}
        help={phone.problem}
      >
        <Input
          data-testid="enterprise-phone"
          aria-label={t('intake.person.phone')}
          {...phone.input}
          value={enterprise.phone}
          maxLength={20}
          onChange={(e) => onChange({ phone: e.target.value.trim() })}
        />
      </Form.Item>
    </>
  );
}

/**
 * Left column: who applies — the card holder or a typed person, or the enterprise; and the agent.
 * The card fills the applicant (for an enterprise its legal representative) or the agent, as the
 * clerk chooses; choosing the agent is saying an agent applies.
 */
export function ApplicantPanel(props: ApplicantPanelProps) {
  const { draft, matter, problems, onChange } = props;
  const { t } = useTranslation();
  const enterprise = matter?.subject === 'enterprise';
  const required = requiredPanelPaths(matter);
  // Without an agent the card can only be the applicant's: the choice never rests on a missing agent.
  const slot: CardSlot = draft.hasAgent ? props.cardSlot : 'person';
  const setAgent = (hasAgent: boolean) => onChange((d) => ({ ...d, hasAgent }));

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
            value={slot}
            data-testid="card-slot"
            onChange={(e) => {
              const next = e.target.value as CardSlot;
              if (next === 'agent' && !draft.hasAgent) setAgent(true);
              props.onCardSlot(next);
            }}
            options={[
              {
                value: 'person',
                label: enterprise ? t('intake.applicant.legalRep') : t('intake.applicant.applicant'),
              },
              { value: 'agent', label: t('intake.applicant.agent') },
            ]}
          />
        </div>
        {enterprise ? (
          <EnterpriseFields
            enterprise={draft.enterprise}
            problems={sub(problems, 'enterprise')}
            phoneRequired={required.has('enterprise.phone')}
            onChange={(patch) => onChange((d) => ({ ...d, enterprise: { ...d.enterprise, ...patch } }))}
            onCodeComplete={(code) => props.onIdComplete('enterprise', code)}
          />
        ) : (
          <PersonFields
            slot="person"
            value={draft.person}
            problems={sub(problems, 'person')}
            phoneRequired={required.has('person.phone')}
            onChange={(person) => onChange((d) => ({ ...d, person }))}
            onIdComplete={(id) => props.onIdComplete('person', id)}
          />
        )}
        {/* A separator may not hold a control (axe nested-interactive): the line, then the checkbox. */}
        <div className="intake-agent-toggle">
          <Checkbox
            data-testid="has-agent"
            checked={draft.hasAgent}
            onChange={(e) => {
              const hasAgent = e.target.checked;
              setAgent(hasAgent);
              props.onCardSlot(hasAgent ? 'agent' : 'person');
            }}
          >
            {enterprise ? t('intake.applicant.hasAgentEnterprise') : t('intake.applicant.hasAgent')}
          </Checkbox>
        </div>
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
              onIdComplete={(id) => props.onIdComplete('agent', id)}
            />
          </>
        )}
      </Form>
    </Card>
  );
}
