// Play keywords that Ansible still reads under an old name: renamed in place, before the play is checked.
import type { Problems } from '../validate/problems.js';
import { copySlot, keyLoc, locOf } from '../yaml/positions.js';
import { isMapping } from './read.js';

/** `user:` is remote_user's old name (Ansible's Play.preprocess_data); the two together are an error there too. */
export function renameOldPlayKeywords(plays: readonly unknown[], problems: Problems): void {
  for (const play of plays) {
    if (!isMapping(play) || !('user' in play)) continue;
    if ('remote_user' in play) {
      problems.add('both "user" and "remote_user" are set for this play: "user" is the old name of remote_user', keyLoc(play, 'user') ?? locOf(play), 'keep remote_user only');
    } else {
      copySlot(play, 'user', play, 'remote_user');
      play.remote_user = play.user;
    }
    delete play.user;
  }
}
