import type { AreaScope } from './area-scope.ts';
import type { SessionUser } from './session-user.ts';

/** The area a user may see and act in: their area code, narrowed to their RW for RT/RW heads. */
export function scopeOf(user: SessionUser): AreaScope {
  return { areaCode: user.areaCode, rw: user.areaRw };
}
