// The password rule the server enforces and the web forms announce; no I/O, so the browser bundle can read it.

export const MINIMUM_PASSWORD_LENGTH = 10;
