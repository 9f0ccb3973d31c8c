import type { staffChannels } from '../../preload/contract/channels/staff';
import { changedFields } from '../audit/changed-fields';
import type { HandlersOf } from '../ipc/router';
import type { StaffService } from './service';

/** Staff accounts (administrators). */
export function staffHandlers({ staff }: { staff: StaffService }): HandlersOf<typeof staffChannels> {
  return {
    'staff.list': () => staff.list(),
    'staff.create': ({ audit: note }, input) => {
      note.detail = { role: input.role, windowNumber: input.windowNumber };
      return staff.create({ ...input, mustChangePassword: true });
    },
    'staff.update': ({ audit: note }, input) => {
      const { id, ...change } = input;
      const { before, after } = staff.update(id, change);
      note.target = after.username;
      note.detail = changedFields(before, after);
      return after;
    },
    'staff.resetPassword': async ({ audit: note }, input) => {
      const after = await staff.resetPassword(input.id, input.temporaryPassword);
      note.target = after.username;
      return after;
    },
  };
}
