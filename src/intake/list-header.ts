// The header of a list file other than an intake list (ministry programmes, deaths) read to its fields.

/** Each header cell's field by its name, BOM, case, spaces and dashes aside; and the required fields missing. */
export function resolveListHeader<Field extends string>(
  cells: string[],
  aliases: Readonly<Record<string, Field>>,
  required: readonly Field[],
): { columns: (Field | null)[]; missing: Field[] } {
  const columns = cells.map(
    (cell) =>
      aliases[
        cell
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ] ?? null,
  );
  return { columns, missing: required.filter((field) => !columns.includes(field)) };
}
