import type { settingsChannels } from '../../preload/contract/channels/settings';
import { changedFields } from '../audit/changed-fields';
import type { HandlersOf } from '../ipc/router';
import type { HotFolder } from '../materials/hot-folder';
import type { SettingsService } from './service';

/** The workstation's settings; a new hot folder is watched at once. */
export function settingsHandlers(deps: {
  settings: SettingsService;
  hotFolder: HotFolder;
}): HandlersOf<typeof settingsChannels> {
  const { settings, hotFolder } = deps;
  return {
    'settings.get': () => settings.get(),
    'settings.update': ({ audit: note }, input) => {
      const { before, after, repaired } = settings.update(input);
      const detail = changedFields(before, after);
      // A repaired setting's `before` was only a placeholder: record what was wrong instead.
      for (const problem of repaired) {
        detail[problem.field] = { from: null, to: after[problem.field], problem: problem.message };
      }
      note.detail = detail;
      if (before.hotFolder !== after.hotFolder) hotFolder.configure(after.hotFolder || null);
      return after;
    },
  };
}
