import { channel, none } from '../channel';
import { admins } from '../roles';
import { workstationSettingsSchema } from '../schemas';

/** The workstation's settings. */
export const settingsChannels = {
  'settings.get': channel({ input: none, output: workstationSettingsSchema, access: 'signedIn', audit: false }),

  'settings.update': channel({
    input: workstationSettingsSchema.partial().strict(),
    output: workstationSettingsSchema,
    access: admins,
    audit: 'change',
  }),
} as const;
