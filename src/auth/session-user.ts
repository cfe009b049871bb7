import type { Role } from './roles.ts';

/** The signed-in person as every route and service sees them. */
export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  /** Dotted region code of the user's area: '31', '31.74', '31.74.01' or '31.74.01.1001'. */
  areaCode: string;
  /** Set for RT/RW heads: their RW inside the kelurahan. */
  areaRw: string | null;
}

/** Who performed an action, as recorded in the audit log and history; null actor means the system. */
export interface Actor {
  userId: number | null;
  username: string;
}

export function actorOf(user: SessionUser): Actor {
  return { userId: user.id, username: user.username };
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system' };
