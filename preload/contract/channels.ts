import type { z } from 'zod';
import { sessionChannels } from './channels/session';
import { staffChannels } from './channels/staff';
import { settingsChannels } from './channels/settings';
import { auditChannels } from './channels/audit';
import { devicesChannels } from './channels/devices';
import { documentScannersChannels } from './channels/document-scanners';
import { catalogChannels } from './channels/catalog';
import { calendarChannels } from './channels/calendar';
import { casesChannels } from './channels/cases';
import { materialsChannels } from './channels/materials';
import { printingChannels } from './channels/printing';
import { reportsChannels } from './channels/reports';
import { syncChannels } from './channels/sync';
import { securityChannels } from './channels/security';
import { retentionChannels } from './channels/retention';
import { queueChannels } from './channels/queue';
import { citizenChannels } from './channels/citizen';

export type { AuditKind, ChannelSpec } from './channel';

/** Every request the UI can make, feature by feature. Names are `area.action`; the bridge nests them. */
export const channels = {
  ...sessionChannels,
  ...staffChannels,
  ...settingsChannels,
  ...auditChannels,
  ...devicesChannels,
  ...documentScannersChannels,
  ...catalogChannels,
  ...calendarChannels,
  ...casesChannels,
  ...materialsChannels,
  ...printingChannels,
  ...reportsChannels,
  ...syncChannels,
  ...securityChannels,
  ...retentionChannels,
  ...queueChannels,
  ...citizenChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
