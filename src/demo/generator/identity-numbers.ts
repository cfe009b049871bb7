import type { CalendarTable } from './calendar.ts';
import { pad2 } from './calendar.ts';
import type { Sex } from './names/naming-tradition.ts';
import type { SeededRandom } from './seeded-random.ts';

const serialText: string[] = Array.from({ length: 10000 }, (_unused, value) =>
  String(value).padStart(4, '0'),
);

// Serial counters are bytes: real NIK serials are small, and a full cell falls back to another district.
const maximumNikSerial = 255;

const maximumKkSerial = 9999;

/** Digits 7–12 of a NIK: DDMMYY of birth, with 40 added to the day for women. */
export function nikBirthSegment(day: number, month: number, year: number, sex: Sex): string {
  return pad2(sex === 'P' ? day + 40 : day) + pad2(month) + pad2(year % 100);
}

/**
 * Hands out NIK and KK numbers that are unique within (district, birth date, sex) and (district, issue date),
 * using one small typed-array counter table per district instead of remembering numbers already issued.
 */
export class IdentityNumberAllocator {
  private readonly nikCounters = new Map<string, Uint8Array>();
  private readonly kkCounters = new Map<string, Uint16Array>();

  constructor(
    private readonly calendar: CalendarTable,
    private readonly firstIssueDay: number,
    private readonly lastIssueDay: number,
  ) {}

  /** A NIK first issued in the district, or null when that (district, date, sex) cell is full. */
  nik(districtDigits: string, birthDay: number, sex: Sex, random: SeededRandom): string | null {
    let counters = this.nikCounters.get(districtDigits);
    if (!counters) {
      counters = new Uint8Array((this.calendar.lastDay - this.calendar.firstDay + 1) * 2);
      this.nikCounters.set(districtDigits, counters);
    }
    const cell = (birthDay - this.calendar.firstDay) * 2 + (sex === 'P' ? 1 : 0);
    // Serials skip now and then: numbers issued to people who never reach this registry.
    const serial = counters[cell] + 1 + (random.next() < 0.15 ? random.int(3) : 0);
    if (serial > maximumNikSerial) return null;
    counters[cell] = serial;
    const birth = this.calendar.civil(birthDay);
    return districtDigits + nikBirthSegment(birth.day, birth.month, birth.year, sex) + serialText[serial];
  }

  /** A KK number: district, issue date DDMMYY, serial. */
  kk(districtDigits: string, issueDay: number): string {
    let counters = this.kkCounters.get(districtDigits);
    if (!counters) {
      counters = new Uint16Array(this.lastIssueDay - this.firstIssueDay + 1);
      this.kkCounters.set(districtDigits, counters);
    }
    let day = Math.min(Math.max(issueDay, this.firstIssueDay), this.lastIssueDay);
    // A busy day moves on to the next one, which keeps every KK unique without storing numbers.
    while (counters[day - this.firstIssueDay] >= maximumKkSerial)
      day = day < this.lastIssueDay ? day + 1 : this.firstIssueDay;
    const serial = ++counters[day - this.firstIssueDay];
    const issued = this.calendar.civil(day);
    return (
      districtDigits + pad2(issued.day) + pad2(issued.month) + pad2(issued.year % 100) + serialText[serial]
    );
  }
}
