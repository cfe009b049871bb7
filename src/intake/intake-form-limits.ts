// The longest text each field of the web form takes: the server's schema and the form's inputs read the same
// numbers, so a form never sends what the server refuses by an API field name the reader does not know.

export const HOUSEHOLD_FIELD_LIMITS = {
  kkNumber: 40,
  address: 500,
  rt: 10,
  rw: 10,
  kelurahanCode: 20,
  phone: 30,
} as const;

export const MEMBER_FIELD_LIMITS = {
  nik: 40,
  nikAbsenceReason: 200,
  fullName: 200,
  birthPlace: 100,
  birthDate: 20,
  occupation: 100,
} as const;

export const MEMBERS_PER_FORM = 30;

/** A returned row's reason. */
export const REVIEW_REASON_LIMIT = 500;

/** A cell of a corrected row. */
export const CORRECTED_CELL_LIMIT = 1000;
