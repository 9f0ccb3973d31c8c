import { IdcardOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDraft, EnterpriseDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { panelPathOf } from '../../../preload/contract/applicant-fields';
import type { FieldProblem, FieldProblems } from '../../../preload/contract/intake';
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

interface EnterpriseInputProps {
  field: 'name' | 'creditCode' | 'legalRepresentative' | 'phone';
  label: string;
  testId: string;
  value: string;
  problem: FieldProblem | undefined;
  required?: boolean;
  /** Shows the error mark in the field as well (the credit code). */
  feedback?: boolean;
  mono?: boolean;
  maxLength: number;
  onValue: (value: string) => void;
}

/** One typed field of the enterprise: named by its label, checked as the clerk leaves it. */
function EnterpriseInput({ field, label, testId, value, problem, required = true, ...props }: EnterpriseInputProps) {
  const check = useFieldCheck(`enterprise.${field}`, value, problem);
  return (
    <Form.Item
      label={label}
      required={required}
      validateStatus={check.problem ? 'error' : undefined}
      help={check.problem}
      hasFeedback={props.feedback ? !!check.problem : undefined}
    >
      <Input
        data-testid={testId}
        aria-label={label}
        {...check.input}
        className={props.mono ? 'mono' : undefined}
        value={value}
        maxLength={props.maxLength}
        onChange={(e) => props.onValue(e.target.value)}
      />
    </Form.Item>
  );
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
  return (
    <>
      <EnterpriseInput
        field="name"
        label={t('intake.enterprise.name')}
        testId="enterprise-name"
        value={enterprise.name}
        problem={problems.name}
        maxLength={100}
        onValue={(name) => onChange({ name })}
      />
      <EnterpriseInput
        field="creditCode"
        label={t('intake.enterprise.creditCode')}
        testId="enterprise-credit-code"
        value={enterprise.creditCode}
        problem={problems.creditCode}
        feedback
        mono
        maxLength={18}
        onValue={(typed) => {
          const creditCode = typed.replace(/\s/g, '').toUpperCase();
          onChange({ creditCode });
          if (creditCode.length === 18) onCodeComplete(creditCode);
        }}
      />
      <EnterpriseInput
        field="legalRepresentative"
        label={t('intake.enterprise.legalRepresentative')}
        testId="enterprise-legal-rep"
        value={enterprise.legalRepresentative}
        problem={problems.legalRepresentative}
        maxLength={60}
        onValue={(legalRepresentative) => onChange({ legalRepresentative })}
      />
      <EnterpriseInput
        field="phone"
        label={t('intake.person.phone')}
        testId="enterprise-phone"
        value={enterprise.phone}
        problem={problems.phone}
        required={phoneRequired}
        maxLength={20}
        onValue={(phone) => onChange({ phone: phone.trim() })}
      />
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
