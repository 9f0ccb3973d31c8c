import { html, type SafeHtml } from '../html';
import { roleLabels, type AuditRow, type WorkstationRow } from './layout';

/**
 * Central's trail in words: one label per action central records (zh-CN), the object an entry is
 * about by its name (a case by its number, a window by district and number, a person by username),
 * and one readable line of detail instead of the stored JSON.
 */
export const auditActionLabels: Record<string, string> = {
  'person.sign_in': '登录',
  'person.sign_in_failed': '登录失败',
  'person.create': '添加人员',
  'person.department': '更改部门',
  'person.password_reset': '重置密码',
  'person.disable': '停用账户',
  'person.enable': '启用账户',
  'enrolment.code': '生成注册码',
  'enrolment.enrol': '工作站注册',
  'enrolment.refused': '工作站注册被拒',
  'workstation.revoke': '吊销工作站',
  'catalog.publish': '发布事项目录',
  'calendar.publish': '发布节假日日历',
  'case.put': '窗口提交办件',
  'case.open': '开始审查',
  'case.approve': '批准',
  'case.deny': '不予批准',
  'case.supplement': '要求补正',
  'case.complete': '办结',
  'audit.cut_short': '审计记录被截短',
  'audit.rewritten': '审计记录被改写',
};

export const actorKindLabels: Record<string, string> = {
  clerk: '窗口人员',
  approver: '审批人',
  admin: '管理员',
  system: '系统',
};

/** Who acted when no person did: central's own start and its command line. */
const actorLabels: Record<string, string> = { 'first start': '首次启动', cli: '命令行', central: '中心' };

/** The actor column: the kind of actor and who. */
export function auditActor(entry: AuditRow): string {
  return `${actorKindLabels[entry.actorKind] ?? entry.actorKind} · ${actorLabels[entry.actor] ?? entry.actor}`;
}

const windowStateLabels: Record<string, string> = {
  accepted: '受理',
  supplement_requested: '一次性告知补正',
  rejected: '不予受理',
};

const refusalLabels: Record<string, string> = { window_taken: '窗口号已被其他工作站占用' };

/** What the trail shows for an action: its label; an action without one says so and keeps its key. */
export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? `其他操作（${action}）`;
}

/** The names a trail page resolves ids to. */
export interface AuditNames {
  caseNumbers: Map<string, string>;
  workstations: Map<string, WorkstationRow>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case ids a set of entries refers to (the page asks the case store for their numbers). */
export function auditCaseIds(entries: readonly AuditRow[]): string[] {
  const ids = entries.filter((e) => e.action.startsWith('case.') && e.target && uuidPattern.test(e.target));
  return [...new Set(ids.map((e) => e.target!))];
}

function windowName(ws: WorkstationRow | undefined): string {
  return ws ? `${ws.districtCode} · ${ws.windowNumber} 号窗口（${ws.hostname}）` : '已不存在的工作站';
}

/** The object of an entry, by name; a case links to its page. */
export function auditTarget(entry: AuditRow, names: AuditNames): SafeHtml | string {
  const target = entry.target;
  if (!target) return '—';
  const [area] = entry.action.split('.');
  if (area === 'case') {
    const number = names.caseNumbers.get(target);
    return number ? html`<a class="num" href="/approver/cases/${target}">${number}</a>` : '已不存在的办件';
  }
  if (area === 'audit' || entry.action === 'enrolment.enrol' || entry.action === 'enrolment.refused') {
    return windowName(names.workstations.get(target));
  }
  if (entry.action === 'workstation.revoke') return windowName(names.workstations.get(target));
  if (area === 'catalog' || area === 'calendar') {
    const version = /\/(\d+)$/.exec(target)?.[1];
    return version ? `第 ${version} 版` : target;
  }
  return target;
}

function record(detail: unknown): Record<string, unknown> {
  return detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function clip(value: string, length = 80): string {
  return [...value].length > length ? `${[...value].slice(0, length).join('')}…` : value;
}

const departmentText = (department: unknown) => text(department) || '全部部门';

/** One readable line for an entry's detail ('' when there is nothing to add). */
export function auditDetail(entry: AuditRow): string {
  const d = record(entry.detail);
  const version = typeof d.version === 'number' ? `第 ${d.version} 版` : '';
  const parts: string[] = [];
  switch (entry.action) {
    case 'person.sign_in':
    case 'person.sign_in_failed':
      if (d.ip) parts.push(`来自 ${text(d.ip)}`);
      break;
    case 'person.create':
      parts.push(`角色：${roleLabels[d.role as 'admin'] ?? text(d.role)}`, `部门：${departmentText(d.department)}`);
      break;
    case 'person.department':
      parts.push(`部门：${departmentText(d.from)} → ${departmentText(d.to)}`);
      break;
    case 'enrolment.code':
      parts.push(`用途：${text(d.note)}`);
      break;
    case 'enrolment.enrol':
      if (d.note) parts.push(`注册码用途：${text(d.note)}`);
      break;
    case 'enrolment.refused':
      parts.push(`${text(d.districtCode)} · ${text(d.windowNumber)} 号窗口`);
      if (d.reason) parts.push(refusalLabels[text(d.reason)] ?? text(d.reason));
      break;
    case 'case.put':
      parts.push(version, `窗口决定：${windowStateLabels[text(d.windowState)] ?? text(d.windowState)}`);
      break;
    case 'case.approve':
    case 'case.deny':
    case 'case.supplement':
      parts.push(version);
      if (d.comment) parts.push(`意见：${clip(text(d.comment))}`);
      break;
    case 'case.complete':
      parts.push(version);
      break;
    default:
      if (typeof entry.detail === 'string') parts.push(clip(entry.detail, 160));
      else for (const [k, v] of Object.entries(d)) parts.push(`${k}：${clip(text(v), 40)}`);
  }
  return parts.filter(Boolean).join(' · ');
}
