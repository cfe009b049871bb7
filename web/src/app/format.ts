// Dates and numbers the way an Indonesian (or English) reader expects them.
import { currentLanguage } from '../api/client.ts';

function locale(): string {
  return currentLanguage() === 'en' ? 'en-GB' : 'id-ID';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar date (YYYY-MM-DD) shown as DD/MM/YYYY without time-zone shifts. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value.toLocaleString(locale());
}
