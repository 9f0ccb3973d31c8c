import type { PendingAxeFinding } from './axe';

/**
 * axe findings on the two intake screens whose fixes are inside renderer/src/intake, which another
 * branch is changing now. Allowed for now, one entry per rule and selector (a CSS selector the
 * element axe names must match); any other finding fails the accessibility spec, and so does an entry
 * that no longer happens. Empty these lists when the intake work is merged.
 */

const selects: PendingAxeFinding = {
  rule: 'label',
  selector: '.intake input.ant-select-input',
  reason: 'MatterPicker, the ID type and the matter form selects have no label: aria-label or Form.Item htmlFor + id',
};
const copies: PendingAxeFinding = {
  rule: 'label',
  selector: '.checklist-copies input',
  reason: 'Checklist: the copies InputNumber has no name: aria-label="复印件份数 · <item name>" (intake.items.copies)',
};
const matterForm: PendingAxeFinding = {
  rule: 'label',
  selector: '[data-testid^="form-"]',
  reason:
    'MatterForm: the field label is a plain element, not tied to its input: Form.Item label/htmlFor or aria-label',
};
const checklistItem: PendingAxeFinding = {
  rule: 'nested-interactive',
  selector: '.checklist-item[role="option"]',
  reason:
    'Checklist: a role="option" holds checkboxes and the copies input; options may not hold controls: drop role="listbox"/"option" (a list with aria-current) or move the controls out',
};
const agentDivider: PendingAxeFinding = {
  rule: 'nested-interactive',
  selector: '.intake-divider',
  reason: 'ApplicantPanel: the 有代理人 checkbox sits in a Divider (role="separator"): put the checkbox beside it',
};
const problemText: PendingAxeFinding = {
  rule: 'color-contrast',
  selector: '.checklist-problem',
  reason: 'intake.css .checklist-problem #d46b08 is 3.2:1 on the selected row: use #ad4e00',
};
const noteText: PendingAxeFinding = {
  rule: 'color-contrast',
  selector: '.checklist-note',
  reason: 'intake.css .checklist-note #8c8c8c is 3:1: use rgba(0, 0, 0, 0.6)',
};
const saveState: PendingAxeFinding = {
  rule: 'color-contrast',
  selector: '.save-state',
  reason: 'intake.css .save-state #8c8c8c on #f5f5f5 is 3.1:1: use rgba(0, 0, 0, 0.65)',
};

export const pendingIntakeIndividual: readonly PendingAxeFinding[] = [
  selects,
  copies,
  matterForm,
  {
    rule: 'label',
    selector: 'input[data-testid^="person-"]',
    reason:
      'ApplicantPanel person fields (name, ID number, phone): label not tied to the input: htmlFor + id or aria-label',
  },
  checklistItem,
  agentDivider,
  problemText,
  noteText,
  saveState,
];

export const pendingIntakeEnterprise: readonly PendingAxeFinding[] = [
  selects,
  copies,
  matterForm,
  {
    rule: 'label',
    selector: 'input[data-testid^="enterprise-"], input[data-testid^="agent-"]',
    reason: 'ApplicantPanel enterprise and agent fields: label not tied to the input: htmlFor + id or aria-label',
  },
  checklistItem,
  agentDivider,
  problemText,
  noteText,
  saveState,
];
