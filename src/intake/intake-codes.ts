// Codes shared by the server, the CLI and the web UI; the wording on the KK itself lives in the row check.

export const RELATIONSHIPS = [
  'head',
  'husband',
  'wife',
  'child',
  'child_in_law',
  'grandchild',
  'parent',
  'parent_in_law',
  'other_relative',
  'household_help',
  'other',
] as const;

export type Relationship = (typeof RELATIONSHIPS)[number];

export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed'] as const;

export type MaritalStatus = (typeof MARITAL_STATUSES)[number];
