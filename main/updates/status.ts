/**
 * Where the workstation's updater stands, for the log now and for the UI later (like the sync
 * status): one value, changed only by the events the updater reports.
 */

export type UpdateState =
  /** Not checked yet since the start. */
  | 'idle'
  /** No updates for this installation: not enrolled, no https central, not an updatable install. */
  | 'unavailable'
  | 'checking'
  | 'up-to-date'
  /** A newer version is being downloaded in the background. */
  | 'downloading'
  /** Downloaded and verified: it installs when the app quits (never in the middle of an intake). */
  | 'downloaded'
  | 'error';

export interface UpdateStatus {
  state: UpdateState;
  /** The running version. */
  currentVersion: string;
  /** The newer version central offers, once known. */
  availableVersion: string | null;
  /** Download progress, 0–100, while downloading. */
  percent: number | null;
  lastCheckAt: string | null;
  nextCheckAt: string | null;
  /** What a person reads about it (Chinese). */
  message: string;
}

/** What electron-updater tells (its event names), reduced to what the status needs. */
export type UpdateEvent =
  | { kind: 'checking'; at: string }
  | { kind: 'available'; version: string }
  | { kind: 'not-available'; version: string }
  | { kind: 'progress'; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'scheduled'; at: string };

export function initialStatus(currentVersion: string): UpdateStatus {
  return {
    state: 'idle',
    currentVersion,
    availableVersion: null,
    percent: null,
    lastCheckAt: null,
    nextCheckAt: null,
    message: '尚未检查更新',
  };
}

export function nextStatus(status: UpdateStatus, event: UpdateEvent): UpdateStatus {
  switch (event.kind) {
    case 'scheduled':
      return { ...status, nextCheckAt: event.at };
    case 'unavailable':
      return { ...status, state: 'unavailable', percent: null, message: event.reason };
    case 'checking':
      // A download already finished stays finished while central is asked again.
      return status.state === 'downloaded' || status.state === 'downloading'
        ? { ...status, lastCheckAt: event.at }
        : { ...status, state: 'checking', lastCheckAt: event.at, message: '正在检查更新' };
    case 'not-available':
      return {
        ...status,
        state: 'up-to-date',
        availableVersion: null,
        percent: null,
        message: `已是最新版本（${status.currentVersion}）`,
      };
    case 'available':
      return {
        ...status,
        state: 'downloading',
        availableVersion: event.version,
        percent: 0,
        message: `正在后台下载新版本 ${event.version}`,
      };
    case 'progress': {
      if (status.state !== 'downloading') return status;
      const percent = Math.max(0, Math.min(100, Math.round(event.percent)));
      return {
        ...status,
        percent,
        message: `正在后台下载新版本 ${status.availableVersion ?? ''}（${percent}%）`,
      };
    }
    case 'downloaded':
      return {
        ...status,
        state: 'downloaded',
        availableVersion: event.version,
        percent: 100,
        message: `新版本 ${event.version} 已下载并校验：下次退出一窗时自动安装`,
      };
    case 'error':
      return { ...status, state: 'error', percent: null, message: event.message };
  }
}

/**
 * Plain Chinese for an updater failure (electron-updater's error codes, or the HTTP status in its
 * message); the full error goes to the log.
 */
export function updateErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const status = (error as { statusCode?: unknown }).statusCode;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(text)) {
    return '下载的安装包与中心发布的校验值（sha512）不符，已丢弃：请中心管理员检查发布的文件';
  }
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') {
    return '下载的安装包不是本软件发行方签名的，已拒绝安装：请中心管理员检查发布的文件';
  }
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') return '中心尚未发布更新';
  if (status === 401 || /\b401\b/.test(text)) return '中心不认可本工作站的凭据（可能已被吊销）：无法获取更新';
  if (code === 'ERR_UPDATER_INVALID_VERSION') return '中心发布的更新信息中的版本号无效';
  const network = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|net::ERR_|timed out/i.exec(text);
  if (network) return `无法连接中心获取更新（${network[0]}）：稍后自动重试`;
  return `检查或下载更新失败：${text.split('\n')[0]!.slice(0, 200)}`;
}
