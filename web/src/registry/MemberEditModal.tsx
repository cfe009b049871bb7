// A verifier corrects a member as on the KK, or records a death (date and source) or a move, with a reason.
import {
  Checkbox,
  Divider,
  Input,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MARITAL_STATUSES, RELATIONSHIPS } from '../../../src/intake/intake-codes.ts';
import { formatTypedDate } from '../../../src/intake/typed-date.ts';
import type { TMemberChanges } from '../../../src/registry/registry-edit-contracts.ts';
import type { HouseholdMember } from '../api/types.ts';
import { EditReason, isoFromTyped, typedFromIso, useRegistryEdit } from './EditReason.tsx';
import { editMember } from './registry-api.ts';

interface MemberForm {
  fullName: string;
  nik: string;
  nikAbsenceReason: string;
  sex: string;
  birthPlace: string;
  birthDate: string;
  relationship: string;
  maritalStatus: string;
  occupation: string;
  lifeStatus: 'alive' | 'deceased';
  deathDate: string;
  deathSource: string;
  moved: boolean;
  movedNote: string;
}

const isMasked = (value: string | null) => value?.includes('•') ?? false;

function formOf(member: HouseholdMember): MemberForm {
  return {
    fullName: member.fullName,
    // A masked NIK is not a value to edit: the field starts empty, and only an NIK typed in is sent.
    nik: member.nik === null || isMasked(member.nik) ? '' : member.nik,
    nikAbsenceReason: member.nikAbsenceReason ?? '',
    sex: member.sex ?? '',
    birthPlace: member.birthPlace ?? '',
    birthDate: typedFromIso(member.birthDate),
    relationship: member.relationship ?? '',
    maritalStatus: member.maritalStatus ?? '',
    occupation: member.occupation ?? '',
    lifeStatus: member.lifeStatus === 'deceased' ? 'deceased' : 'alive',
    deathDate: typedFromIso(member.deathDate),
    deathSource: member.deathSource ?? '',
    moved: member.moved,
    movedNote: member.movedNote ?? '',
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text);

/** Only what the officer changed is sent; the server checks it with the rest of the member as stored. */
function changesOf(initial: MemberForm, form: MemberForm): TMemberChanges {
  const changes: TMemberChanges = {};
  if (form.fullName !== initial.fullName) changes.fullName = form.fullName;
  if (form.nik !== initial.nik) changes.nik = orNull(form.nik);
  if (form.nikAbsenceReason !== initial.nikAbsenceReason)
    changes.nikAbsenceReason = orNull(form.nikAbsenceReason);
  if (form.sex !== initial.sex && (form.sex === 'L' || form.sex === 'P')) changes.sex = form.sex;
  if (form.birthPlace !== initial.birthPlace) changes.birthPlace = orNull(form.birthPlace);
  if (form.birthDate !== initial.birthDate) changes.birthDate = form.birthDate;
  if (form.relationship !== initial.relationship && form.relationship)
    changes.relationship = form.relationship as TMemberChanges['relationship'];
  if (form.maritalStatus !== initial.maritalStatus)
    changes.maritalStatus = (orNull(form.maritalStatus) as TMemberChanges['maritalStatus']) ?? null;
  if (form.occupation !== initial.occupation) changes.occupation = orNull(form.occupation);
  if (form.lifeStatus !== initial.lifeStatus) changes.lifeStatus = form.lifeStatus;
  if (form.lifeStatus === 'deceased') {
    if (form.deathDate !== initial.deathDate || form.lifeStatus !== initial.lifeStatus)
      changes.deathDate = isoFromTyped(form.deathDate) ?? null;
    if (form.deathSource !== initial.deathSource || form.lifeStatus !== initial.lifeStatus)
      changes.deathSource = orNull(form.deathSource);
  }
  if (form.moved !== initial.moved) changes.moved = form.moved;
  if (form.moved && form.movedNote !== initial.movedNote) changes.movedNote = orNull(form.movedNote);
  return changes;
}

export function MemberEditModal({
  householdId,
  member,
  onClose,
}: {
  householdId: number;
  member: HouseholdMember;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [initial] = useState(() => formOf(member));
  const [form, setForm] = useState(initial);
  const set = <Key extends keyof MemberForm>(key: Key, value: MemberForm[Key]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const deathDateInvalid =
    form.lifeStatus === 'deceased' && form.deathDate !== '' && isoFromTyped(form.deathDate) === undefined;

  const { reason, setReason, nothingChanged, save } = useRegistryEdit(
    (reason) => editMember(householdId, member.id, changesOf(initial, form), reason),
    onClose,
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!deathDateInvalid) save.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('registryEdit.editMemberTitle', { name: member.fullName })}
      size="lg"
      fullScreen={window.innerWidth < 576}
    >
      <form onSubmit={onSubmit} data-testid="member-edit-form">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('field.nama')}
              value={form.fullName}
              onChange={(event) => set('fullName', event.currentTarget.value)}
              maxLength={500}
              required
              data-testid="edit-member-name"
            />
            <TextInput
              label={t('field.nik')}
              description={t('hint.sixteenDigits')}
              value={form.nik}
              placeholder={isMasked(member.nik) ? (member.nik ?? undefined) : undefined}
              onChange={(event) => set('nik', event.currentTarget.value)}
              inputMode="numeric"
              maxLength={20}
              data-testid="edit-member-nik"
            />
          </SimpleGrid>
          {form.nik.trim() === '' && !isMasked(member.nik) ? (
            <TextInput
              label={t('field.alasan_tanpa_nik')}
              value={form.nikAbsenceReason}
              onChange={(event) => set('nikAbsenceReason', event.currentTarget.value)}
              maxLength={500}
              data-testid="edit-member-nik-absence"
            />
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Input.Wrapper label={t('field.jenis_kelamin')}>
              <SegmentedControl
                fullWidth
                value={form.sex}
                onChange={(value) => set('sex', value)}
                data={[
                  { value: 'L', label: t('sex.L') },
                  { value: 'P', label: t('sex.P') },
                ]}
                data-testid="edit-member-sex"
              />
            </Input.Wrapper>
            <TextInput
              label={t('field.tempat_lahir')}
              value={form.birthPlace}
              onChange={(event) => set('birthPlace', event.currentTarget.value)}
              maxLength={500}
              data-testid="edit-member-birth-place"
            />
            <TextInput
              label={t('field.tanggal_lahir')}
              placeholder={t('form.birthDatePlaceholder')}
              value={form.birthDate}
              onChange={(event) => set('birthDate', formatTypedDate(event.currentTarget.value))}
              inputMode="numeric"
              maxLength={10}
              data-testid="edit-member-birth-date"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('field.hubungan_keluarga')}
              data={RELATIONSHIPS.map((value) => ({ value, label: t(`relationship.${value}`) }))}
              value={form.relationship || null}
              onChange={(value) => set('relationship', value ?? '')}
              allowDeselect={false}
              data-testid="edit-member-relationship"
            />
            <Select
              label={t('field.status_perkawinan')}
              data={MARITAL_STATUSES.map((value) => ({ value, label: t(`maritalStatus.${value}`) }))}
              value={form.maritalStatus || null}
              onChange={(value) => set('maritalStatus', value ?? '')}
              clearable
              data-testid="edit-member-marital-status"
            />
            <TextInput
              label={t('field.pekerjaan')}
              value={form.occupation}
              onChange={(event) => set('occupation', event.currentTarget.value)}
              maxLength={500}
              data-testid="edit-member-occupation"
            />
          </SimpleGrid>
          <Divider />
          <Input.Wrapper label={t('registryEdit.lifeStatus')}>
            <SegmentedControl
              fullWidth
              value={form.lifeStatus}
              onChange={(value) => set('lifeStatus', value === 'deceased' ? 'deceased' : 'alive')}
              data={[
                { value: 'alive', label: t('registryEdit.alive') },
                { value: 'deceased', label: t('registryEdit.deceased') },
              ]}
              data-testid="edit-member-life-status"
            />
          </Input.Wrapper>
          {form.lifeStatus === 'deceased' ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('registryEdit.deathDate')}
                placeholder={t('form.birthDatePlaceholder')}
                value={form.deathDate}
                onChange={(event) => set('deathDate', formatTypedDate(event.currentTarget.value))}
                inputMode="numeric"
                maxLength={10}
                required
                error={deathDateInvalid ? t('registryEdit.dateInvalid') : undefined}
                data-testid="edit-member-death-date"
              />
              <TextInput
                label={t('registryEdit.deathSource')}
                description={t('registryEdit.deathSourceHint')}
                value={form.deathSource}
                onChange={(event) => set('deathSource', event.currentTarget.value)}
                maxLength={500}
                required
                data-testid="edit-member-death-source"
              />
            </SimpleGrid>
          ) : null}
          <Checkbox
            label={t('registryEdit.moved')}
            checked={form.moved}
            onChange={(event) => set('moved', event.currentTarget.checked)}
            data-testid="edit-member-moved"
          />
          {form.moved ? (
            <TextInput
              label={t('registryEdit.movedNote')}
              value={form.movedNote}
              onChange={(event) => set('movedNote', event.currentTarget.value)}
              maxLength={500}
              data-testid="edit-member-moved-note"
            />
          ) : null}
          <EditReason
            reason={reason}
            onReasonChange={setReason}
            saving={save.isPending}
            error={save.error}
            nothingChanged={nothingChanged}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
