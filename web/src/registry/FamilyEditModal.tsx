// A verifier corrects a family's facts; the server checks them as an intake row and keeps the reason in the history.
import { Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { THouseholdChanges } from '../../../src/registry/registry-edit-contracts.ts';
import type { Household } from '../api/types.ts';
import { EditReason, useRegistryEdit } from './EditReason.tsx';
import { editHousehold } from './registry-api.ts';

type Answer = 'Y' | 'T' | 'U';

const answerOf = (value: boolean | null): Answer => (value === null ? 'U' : value ? 'Y' : 'T');
const answerValue = (answer: Answer): boolean | null => (answer === 'U' ? null : answer === 'Y');

interface FamilyForm {
  address: string;
  rw: string;
  rt: string;
  phone: string;
  fixedIncome: Answer;
  covidAffected: Answer;
  latitude: string;
  longitude: string;
  status: 'active' | 'moved_out';
}

function formOf(household: Household): FamilyForm {
  return {
    address: household.address ?? '',
    rw: household.rw,
    rt: household.rt,
    // A masked number is not a value to edit: the field starts empty, and only a number typed in is sent.
    phone: household.phone === null || isMasked(household.phone) ? '' : household.phone,
    fixedIncome: answerOf(household.fixedIncome),
    covidAffected: answerOf(household.covidAffected),
    latitude: household.latitude === null ? '' : String(household.latitude),
    longitude: household.longitude === null ? '' : String(household.longitude),
    status: household.status === 'moved_out' ? 'moved_out' : 'active',
  };
}

const isMasked = (value: string) => value.includes('•');

/** A coordinate as typed: '' is none, anything else must read as a number. */
function coordinate(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

export function FamilyEditModal({ household, onClose }: { household: Household; onClose(): void }) {
  const { t } = useTranslation();
  const [initial] = useState(() => formOf(household));
  const [form, setForm] = useState(initial);
  const set = <Key extends keyof FamilyForm>(key: Key, value: FamilyForm[Key]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const latitude = coordinate(form.latitude);
  const longitude = coordinate(form.longitude);

  // Only what the officer changed is sent: the phone comes masked and must not be sent back as typed.
  const changes: THouseholdChanges = {};
  if (form.address !== initial.address) changes.address = form.address;
  if (form.rw !== initial.rw) changes.rw = form.rw;
  if (form.rt !== initial.rt) changes.rt = form.rt;
  if (form.phone !== initial.phone) changes.phone = form.phone.trim() === '' ? null : form.phone;
  const phoneHidden = household.phone !== null && isMasked(household.phone);
  if (form.fixedIncome !== initial.fixedIncome) changes.fixedIncome = answerValue(form.fixedIncome);
  if (form.covidAffected !== initial.covidAffected) changes.covidAffected = answerValue(form.covidAffected);
  if (form.latitude !== initial.latitude && latitude !== undefined) changes.latitude = latitude;
  if (form.longitude !== initial.longitude && longitude !== undefined) changes.longitude = longitude;
  if (form.status !== initial.status) changes.status = form.status;

  const { reason, setReason, nothingChanged, save } = useRegistryEdit(
    (reason) => editHousehold(household.id, changes, reason),
    onClose,
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const yesNo = [
    { value: 'Y', label: t('common.yes') },
    { value: 'T', label: t('common.no') },
    { value: 'U', label: t('common.unknown') },
  ];

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('registryEdit.editFamily')}
      size="lg"
      fullScreen={window.innerWidth < 576}
    >
      <form onSubmit={onSubmit} data-testid="family-edit-form">
        <Stack>
          <TextInput
            label={t('field.alamat')}
            value={form.address}
            onChange={(event) => set('address', event.currentTarget.value)}
            maxLength={500}
            required
            data-testid="edit-address"
          />
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            <TextInput
              label="RW"
              value={form.rw}
              onChange={(event) => set('rw', event.currentTarget.value)}
              inputMode="numeric"
              maxLength={3}
              data-testid="edit-rw"
            />
            <TextInput
              label="RT"
              value={form.rt}
              onChange={(event) => set('rt', event.currentTarget.value)}
              inputMode="numeric"
              maxLength={3}
              data-testid="edit-rt"
            />
            <TextInput
              label={t('field.no_hp')}
              value={form.phone}
              onChange={(event) => set('phone', event.currentTarget.value)}
              inputMode="tel"
              maxLength={20}
              placeholder={phoneHidden ? (household.phone ?? undefined) : undefined}
              description={phoneHidden ? t('registryEdit.phoneHidden') : undefined}
              data-testid="edit-phone"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Input.Wrapper label={t('field.penghasilan_tetap')}>
              <SegmentedControl
                fullWidth
                value={form.fixedIncome}
                onChange={(value) => set('fixedIncome', value as Answer)}
                data={yesNo}
                data-testid="edit-fixed-income"
              />
            </Input.Wrapper>
            <Input.Wrapper label={t('field.terdampak_covid')}>
              <SegmentedControl
                fullWidth
                value={form.covidAffected}
                onChange={(value) => set('covidAffected', value as Answer)}
                data={yesNo}
                data-testid="edit-covid-affected"
              />
            </Input.Wrapper>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('registryEdit.latitude')}
              value={form.latitude}
              onChange={(event) => set('latitude', event.currentTarget.value)}
              inputMode="decimal"
              error={latitude === undefined ? t('registryEdit.coordinateInvalid') : undefined}
              data-testid="edit-latitude"
            />
            <TextInput
              label={t('registryEdit.longitude')}
              value={form.longitude}
              onChange={(event) => set('longitude', event.currentTarget.value)}
              inputMode="decimal"
              error={longitude === undefined ? t('registryEdit.coordinateInvalid') : undefined}
              data-testid="edit-longitude"
            />
            <Select
              label={t('registryEdit.status')}
              data={[
                { value: 'active', label: t('registryEdit.statusActive') },
                { value: 'moved_out', label: t('registryEdit.statusMovedOut') },
              ]}
              value={form.status}
              onChange={(value) => set('status', value === 'moved_out' ? 'moved_out' : 'active')}
              allowDeselect={false}
              data-testid="edit-status"
            />
          </SimpleGrid>
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
