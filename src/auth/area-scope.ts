/** The part of the province a user may see: a region code prefix, narrowed to one RW for RT/RW heads. */
export interface AreaScope {
  areaCode: string;
  rw: string | null;
}

export const WHOLE_COUNTRY: AreaScope = { areaCode: '', rw: null };

/** True when a kelurahan (and RW) lies inside the scope. */
export function scopeCovers(scope: AreaScope, kelurahanCode: string, rw?: string | null): boolean {
  const inArea =
    scope.areaCode === '' ||
    kelurahanCode === scope.areaCode ||
    kelurahanCode.startsWith(`${scope.areaCode}.`);
  if (!inArea) return false;
  return scope.rw === null || rw === scope.rw;
}
