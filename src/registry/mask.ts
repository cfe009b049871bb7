/** Shows the region prefix and last four digits of an identity number: enough to recognise, not to misuse. */
export function maskIdentityNumber(value: string | null): string | null {
  if (value === null) return null;
  if (value.length <= 8) return '•'.repeat(value.length);
  return `${value.slice(0, 6)}${'•'.repeat(value.length - 10)}${value.slice(-4)}`;
}

export function maskPhone(value: string | null): string | null {
  if (value === null) return null;
  return value.length <= 4 ? '••••' : `${value.slice(0, 4)}${'•'.repeat(value.length - 6)}${value.slice(-2)}`;
}
