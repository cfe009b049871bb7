/** The roles of SPEC.md; every user has one role and one area. */
export const ROLES = [
  'rt_rw_head',
  'kelurahan_operator',
  'verifier',
  'approver',
  'bank_officer',
  'site_officer',
  'complaint_officer',
  'auditor',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'intake.submit',
  'intake.review',
  'intake.import',
  'registry.read',
  'registry.read_personal',
  'registry.edit',
  'users.manage',
  'audit.read',
  'regions.manage',
  'verification.run',
  'verification.review',
  'verification.settings',
  'eligibility.manage',
  'eligibility.prepare',
  'eligibility.sign',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  rt_rw_head: ['intake.submit', 'registry.read'],
  // The operator reviews what RT/RW heads list (SPEC): listing and forwarding stay two people's work.
  kelurahan_operator: ['intake.review', 'registry.read', 'registry.read_personal'],
  verifier: [
    'intake.import',
    'intake.review',
    'registry.read',
    'registry.read_personal',
    'registry.edit',
    'verification.run',
    'verification.review',
    'eligibility.prepare',
  ],
  approver: ['registry.read', 'registry.read_personal', 'eligibility.sign'],
  bank_officer: ['registry.read', 'registry.read_personal'],
  site_officer: ['registry.read', 'registry.read_personal'],
  complaint_officer: ['registry.read', 'registry.read_personal'],
  auditor: ['registry.read', 'registry.read_personal', 'audit.read'],
  administrator: [
    'users.manage',
    'regions.manage',
    'registry.read',
    'audit.read',
    'intake.import',
    'verification.settings',
    'eligibility.manage',
  ],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
