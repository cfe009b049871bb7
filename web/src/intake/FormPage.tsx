// One family typed in by hand: the household, then each member; the server checks every member as a row.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Input,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MARITAL_STATUSES, RELATIONSHIPS } from '../../../src/intake/intake-codes.ts';
import {
  HOUSEHOLD_FIELD_LIMITS,
  MEMBER_FIELD_LIMITS,
  MEMBERS_PER_FORM,
} from '../../../src/intake/intake-form-limits.ts';
import { formatTypedDate } from '../../../src/intake/typed-date.ts';
import type { Submission, SubmissionRow } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { useRegionName } from '../app/region-name.ts';
import { useUser } from '../auth/session.tsx';
import { ValidationBadge } from './badges.tsx';
import { type FormHousehold, type FormMember, intakeKeys, listRows, submitForm } from './intake-api.ts';
import { RowProblems } from './RowProblems.tsx';

const KELURAHAN_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

function emptyMember(relationship = ''): FormMember & { key: number } {
  return {
    key: Math.random(),
    nik: '',
    nikAbsenceReason: '',
    fullName: '',
    sex: '',
    birthPlace: '',
    birthDate: '',
    relationship,
    maritalStatus: '',
    occupation: '',
  };
}

/** An answer to a yes/no question of the household: not given yet, yes, no, or not known. */
type Answer = '' | 'Y' | 'T' | 'U';

type HouseholdState = Omit<FormHousehold, 'fixedIncome' | 'covidAffected'> & {
  fixedIncome: Answer;
  covidAffected: Answer;
};

function answerValue(answer: Answer): boolean | null {
  return answer === 'Y' ? true : answer === 'T' ? false : null;
}

interface FormResult {
  submission: Submission;
  /** The checked rows in the order of the members sent. */
  rows: SubmissionRow[];
}

export default function FormPage() {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const areaIsKelurahan = KELURAHAN_CODE.test(user.areaCode);
  const rwLocked = user.role === 'rt_rw_head' && Boolean(user.areaRw);

  // The two questions that decide eligibility start unanswered: a default would answer them for the family.
  const initialHousehold = (): HouseholdState => ({
    kkNumber: '',
    address: '',
    rt: '',
    rw: rwLocked ? (user.areaRw ?? '') : '',
    kelurahanCode: areaIsKelurahan ? user.areaCode : '',
    phone: '',
    fixedIncome: '',
    covidAffected: '',
  });
  const [household, setHousehold] = useState<HouseholdState>(initialHousehold);
  const [members, setMembers] = useState(() => [emptyMember('head')]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<FormResult | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  // A refusal shows at the top of a long form: brought into view, or the head, at the send button, sees nothing.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [error]);

  const kelurahanName = useRegionName(
    KELURAHAN_CODE.test(household.kelurahanCode) ? household.kelurahanCode : '',
  );

  const setHouseholdField = <Key extends keyof HouseholdState>(key: Key, value: HouseholdState[Key]) =>
    setHousehold((current) => ({ ...current, [key]: value }));
  const setMemberField = (index: number, key: keyof FormMember, value: string) =>
    setMembers((current) =>
      current.map((member, position) => (position === index ? { ...member, [key]: value } : member)),
    );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    setSubmitting(true);
    try {
      const submission = await submitForm(
        {
          ...household,
          fixedIncome: answerValue(household.fixedIncome),
          covidAffected: answerValue(household.covidAffected),
        },
        members.map(({ key: _key, ...member }) => ({
          ...member,
          nik: member.nik.trim(),
          nikAbsenceReason: member.nik.trim() === '' ? member.nikAbsenceReason : '',
        })),
      );
      queryClient.setQueryData(intakeKeys.submission(submission.id), submission);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.all });
      const { rows } = await listRows(submission.id, 'all', 1, Math.max(members.length, 1));
      setResult({ submission, rows: [...rows].sort((left, right) => left.rowNumber - right.rowNumber) });
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  const startNew = () => {
    setHousehold(initialHousehold());
    setMembers([emptyMember('head')]);
    setResult(null);
    setError(null);
  };

  // Choices a browser cannot require by itself (segmented controls, and selects, whose input is read-only),
  // named under the form until made.
  const missingChoices = [
    ...(household.fixedIncome === '' || household.covidAffected === '' ? ['form.answerRequired'] : []),
    ...(members.some((member) => member.sex === '') ? ['form.sexRequired'] : []),
    ...(members.some((member) => member.relationship === '') ? ['form.relationshipRequired'] : []),
  ];

  const relationshipOptions = RELATIONSHIPS.map((value) => ({ value, label: t(`relationship.${value}`) }));
  const maritalOptions = MARITAL_STATUSES.map((value) => ({ value, label: t(`maritalStatus.${value}`) }));

  return (
    <form onSubmit={onSubmit} data-testid="intake-form">
      <Stack maw={900}>
        <Title order={2}>{t('form.title')}</Title>
        <Text>{t('form.intro')}</Text>
        {result ? <FormResultAlert result={result} onStartNew={startNew} /> : null}
        {error ? (
          <div ref={errorRef}>
            <ErrorAlert error={error} testId="form-error" />
          </div>
        ) : null}

        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              {t('form.household')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('field.no_kk')}
                description={t('hint.sixteenDigits')}
                value={household.kkNumber}
                onChange={(event) => setHouseholdField('kkNumber', event.currentTarget.value)}
                inputMode="numeric"
                maxLength={20}
                required
                data-testid="form-kk"
              />
              <TextInput
                label={t('field.no_hp')}
                value={household.phone}
                onChange={(event) => setHouseholdField('phone', event.currentTarget.value)}
                maxLength={HOUSEHOLD_FIELD_LIMITS.phone}
                inputMode="tel"
                data-testid="form-phone"
              />
            </SimpleGrid>
            <TextInput
              label={t('field.alamat')}
              value={household.address}
              onChange={(event) => setHouseholdField('address', event.currentTarget.value)}
              maxLength={HOUSEHOLD_FIELD_LIMITS.address}
              required
              data-testid="form-address"
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <TextInput
                label={t('field.kode_kelurahan')}
                description={
                  kelurahanName ? kelurahanName : areaIsKelurahan ? undefined : t('hint.kelurahanCode')
                }
                value={household.kelurahanCode}
                onChange={(event) => setHouseholdField('kelurahanCode', event.currentTarget.value)}
                maxLength={HOUSEHOLD_FIELD_LIMITS.kelurahanCode}
                readOnly={areaIsKelurahan}
                variant={areaIsKelurahan ? 'filled' : 'default'}
                required
                data-testid="form-kelurahan"
              />
              <TextInput
                label={t('field.rw')}
                value={household.rw}
                onChange={(event) => setHouseholdField('rw', event.currentTarget.value)}
                maxLength={HOUSEHOLD_FIELD_LIMITS.rw}
                readOnly={rwLocked}
                variant={rwLocked ? 'filled' : 'default'}
                inputMode="numeric"
                required
                data-testid="form-rw"
              />
              <TextInput
                label={t('field.rt')}
                value={household.rt}
                onChange={(event) => setHouseholdField('rt', event.currentTarget.value)}
                maxLength={HOUSEHOLD_FIELD_LIMITS.rt}
                inputMode="numeric"
                required
                data-testid="form-rt"
              />
            </SimpleGrid>
            {areaIsKelurahan || rwLocked ? (
              <Text size="sm" c="dimmed">
                {t('form.areaLocked')}
              </Text>
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <YesNoUnknown
                label={t('field.penghasilan_tetap')}
                value={household.fixedIncome}
                onChange={(value) => setHouseholdField('fixedIncome', value)}
                testId="form-fixed-income"
              />
              <YesNoUnknown
                label={t('field.terdampak_covid')}
                value={household.covidAffected}
                onChange={(value) => setHouseholdField('covidAffected', value)}
                testId="form-covid-affected"
              />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('form.eligibilityQuestions')}
            </Text>
          </Stack>
        </Paper>

        <Title order={3} size="h4">
          {t('form.members', { count: members.length })}
        </Title>
        {members.map((member, index) => {
          const row = result?.rows[index];
          return (
            <Paper
              key={member.key}
              withBorder
              p="md"
              data-testid={`form-member-${index}`}
              style={
                row?.validation === 'rejected' ? { borderColor: 'var(--mantine-color-red-6)' } : undefined
              }
            >
              <Stack>
                <Group justify="space-between">
                  <Text fw={700}>{t('form.memberNumber', { number: index + 1 })}</Text>
                  {members.length > 1 ? (
                    <Button
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        setMembers((current) => current.filter((_, position) => position !== index))
                      }
                      data-testid={`form-member-remove-${index}`}
                    >
                      {t('form.removeMember')}
                    </Button>
                  ) : null}
                </Group>
                {row ? (
                  <Stack gap={4} data-testid={`form-member-result-${index}`} data-validation={row.validation}>
                    <ValidationBadge row={row} />
                    <RowProblems row={row} />
                  </Stack>
                ) : null}
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t('field.nama')}
                    value={member.fullName}
                    onChange={(event) => setMemberField(index, 'fullName', event.currentTarget.value)}
                    maxLength={MEMBER_FIELD_LIMITS.fullName}
                    required
                    data-testid={`form-member-name-${index}`}
                  />
                  <TextInput
                    label={t('field.nik')}
                    description={t('hint.sixteenDigits')}
                    value={member.nik}
                    onChange={(event) => setMemberField(index, 'nik', event.currentTarget.value)}
                    inputMode="numeric"
                    maxLength={20}
                    data-testid={`form-member-nik-${index}`}
                  />
                </SimpleGrid>
                {member.nik.trim() === '' ? (
                  <TextInput
                    label={t('field.alasan_tanpa_nik')}
                    description={t('form.noNikHint')}
                    value={member.nikAbsenceReason}
                    onChange={(event) => setMemberField(index, 'nikAbsenceReason', event.currentTarget.value)}
                    maxLength={MEMBER_FIELD_LIMITS.nikAbsenceReason}
                    required
                    data-testid={`form-member-nik-absence-${index}`}
                  />
                ) : null}
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <Input.Wrapper label={t('field.jenis_kelamin')} required>
                    <SegmentedControl
                      fullWidth
                      value={member.sex}
                      onChange={(value) => setMemberField(index, 'sex', value)}
                      data={[
                        { value: 'L', label: t('sex.L') },
                        { value: 'P', label: t('sex.P') },
                      ]}
                      data-testid={`form-member-sex-${index}`}
                    />
                  </Input.Wrapper>
                  <TextInput
                    label={t('field.tempat_lahir')}
                    value={member.birthPlace}
                    onChange={(event) => setMemberField(index, 'birthPlace', event.currentTarget.value)}
                    maxLength={MEMBER_FIELD_LIMITS.birthPlace}
                    data-testid={`form-member-birth-place-${index}`}
                  />
                  {/* Not a date picker: its day and month order follows the phone's language, a KK's does not. */}
                  <TextInput
                    label={t('field.tanggal_lahir')}
                    description={t('form.birthDateHint')}
                    placeholder={t('form.birthDatePlaceholder')}
                    value={member.birthDate}
                    onChange={(event) =>
                      setMemberField(index, 'birthDate', formatTypedDate(event.currentTarget.value))
                    }
                    inputMode="numeric"
                    maxLength={MEMBER_FIELD_LIMITS.birthDate}
                    required
                    data-testid={`form-member-birth-date-${index}`}
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <Select
                    label={t('field.hubungan_keluarga')}
                    data={relationshipOptions}
                    value={member.relationship || null}
                    onChange={(value) => setMemberField(index, 'relationship', value ?? '')}
                    required
                    allowDeselect={false}
                    data-testid={`form-member-relationship-${index}`}
                  />
                  {/* Optional, as in a file: left empty, it is not stated. */}
                  <Select
                    label={t('field.status_perkawinan')}
                    data={maritalOptions}
                    value={member.maritalStatus || null}
                    onChange={(value) => setMemberField(index, 'maritalStatus', value ?? '')}
                    clearable
                    clearButtonProps={
                      { 'data-testid': `form-member-marital-status-clear-${index}` } as object
                    }
                    data-testid={`form-member-marital-status-${index}`}
                  />
                  <TextInput
                    label={t('field.pekerjaan')}
                    value={member.occupation}
                    onChange={(event) => setMemberField(index, 'occupation', event.currentTarget.value)}
                    maxLength={MEMBER_FIELD_LIMITS.occupation}
                    data-testid={`form-member-occupation-${index}`}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          );
        })}
        <Group>
          <Button
            variant="light"
            onClick={() => setMembers((current) => [...current, emptyMember()])}
            disabled={members.length >= MEMBERS_PER_FORM}
            data-testid="form-add-member"
          >
            {t('form.addMember')}
          </Button>
        </Group>
        {missingChoices.map((missing) => (
          <Text key={missing} size="sm" c="dimmed" data-testid="form-missing-choice">
            {t(missing)}
          </Text>
        ))}
        <Group>
          <Button
            type="submit"
            size="lg"
            loading={submitting}
            disabled={missingChoices.length > 0}
            data-testid="form-submit"
          >
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function YesNoUnknown({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: Answer;
  onChange(value: Answer): void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Input.Wrapper label={label} required>
      <SegmentedControl
        fullWidth
        value={value}
        onChange={(next) => onChange(next as Answer)}
        data={[
          { value: 'Y', label: t('common.yes') },
          { value: 'T', label: t('common.no') },
          { value: 'U', label: t('common.unknown') },
        ]}
        data-testid={testId}
        data-value={value}
      />
    </Input.Wrapper>
  );
}

function FormResultAlert({ result, onStartNew }: { result: FormResult; onStartNew(): void }) {
  const { t } = useTranslation();
  const { submission } = result;
  const rejected = submission.rejectedCount > 0 || submission.status === 'file_rejected';
  return (
    <Alert
      color={rejected ? 'orange' : 'green'}
      title={rejected ? t('form.someRejected', { count: submission.rejectedCount }) : t('form.sent')}
      data-testid="form-result"
      data-rejected={submission.rejectedCount}
    >
      <Stack gap="xs">
        <Text>{rejected ? t('form.someRejectedHelp') : t('form.sentHelp')}</Text>
        {submission.fileProblems.map((problem) => (
          <Text key={problem.message} c="red.8">
            {problem.message}
          </Text>
        ))}
        <Group>
          <Anchor
            component={Link}
            to={`/intake/submissions/${submission.id}`}
            data-testid="form-open-submission"
          >
            {t('upload.openSubmission')}
          </Anchor>
          <Button variant="light" size="sm" onClick={onStartNew} data-testid="form-new">
            {t('form.startNew')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
