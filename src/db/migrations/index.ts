import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as submissionReviewCounts from './0002-submission-review-counts.ts';
import * as bulkIntakeStorage from './0003-bulk-intake-storage.ts';
import * as ministryLists from './0004-ministry-lists.ts';
import * as fewerRegistryIndexes from './0005-fewer-registry-indexes.ts';
import * as verification from './0006-verification.ts';
import * as eligibility from './0007-eligibility.ts';
import * as intakeSpeed from './0008-intake-speed.ts';
import * as eligibilitySpeed from './0009-eligibility-speed.ts';
import * as intakeRowPartitions from './0010-intake-row-partitions.ts';
import * as signedListTruncate from './0011-signed-list-truncate.ts';
import * as memberKeyByFamily from './0012-member-key-by-family.ts';
import * as regionNameCase from './0013-region-name-case.ts';
import * as importAreaCounts from './0014-import-area-counts.ts';
import * as deathReports from './0015-death-reports.ts';
import * as demoMarker from './0016-demo-marker.ts';

/** Every migration in order; names sort by their numeric prefix. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-submission-review-counts': submissionReviewCounts,
  '0003-bulk-intake-storage': bulkIntakeStorage,
  '0004-ministry-lists': ministryLists,
  '0005-fewer-registry-indexes': fewerRegistryIndexes,
  '0006-verification': verification,
  '0007-eligibility': eligibility,
  '0008-intake-speed': intakeSpeed,
  '0009-eligibility-speed': eligibilitySpeed,
  '0010-intake-row-partitions': intakeRowPartitions,
  '0011-signed-list-truncate': signedListTruncate,
  '0012-member-key-by-family': memberKeyByFamily,
  '0013-region-name-case': regionNameCase,
  '0014-import-area-counts': importAreaCounts,
  '0015-death-reports': deathReports,
  '0016-demo-marker': demoMarker,
};
