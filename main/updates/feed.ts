import { versionHeader } from '@yichuang/domain/protocol';
import { centralAddressProblem } from '../../preload/contract/central-address';

/**
 * Where the workstation's updates come from: its own central, the address it is enrolled with,
 * at `<central>/updates/` (central/updates/feed.ts), with the same credential as the sync API.
 * Nothing about the feed is built into the installer.
 */

export interface CentralAccess {
  /** Central's address as the administrator typed it at enrolment (`https://central.example/`). */
  centralUrl: string;
  /** `<workstationId>.<secret>`, sent as `Authorization: Bearer …`. */
  credential: string;
}

/** The feed as electron-updater's generic provider takes it. */
export interface UpdateFeed {
  url: string;
  headers: Record<string, string>;
}

export type FeedAnswer = { ok: true; feed: UpdateFeed } | { ok: false; reason: string };

/**
 * The feed for an enrolled workstation. Only `https://` (or plain HTTP to this very PC, for a
 * central on loopback in development and tests): on a plain-HTTP hall network anyone in between
 * could hand out another installer together with a latest.yml whose checksum matches it.
 */
export function updateFeedOf(access: CentralAccess | null, appVersion: string): FeedAnswer {
  if (!access) return { ok: false, reason: '尚未注册到中心：注册后从中心获取更新' };
  let url: URL;
  try {
    url = new URL(access.centralUrl);
  } catch {
    return { ok: false, reason: `中心地址无效（${access.centralUrl}）：无法获取更新` };
  }
  // The one rule for central's address (https, or http on loopback), as at enrolment.
  if (centralAddressProblem(access.centralUrl)) {
    return { ok: false, reason: '中心地址不是 https：不从未加密的地址下载更新' };
  }
  url.search = '';
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/updates/`;
  return {
    ok: true,
    feed: {
      url: url.toString(),
      headers: { authorization: `Bearer ${access.credential}`, [versionHeader]: appVersion },
    },
  };
}
