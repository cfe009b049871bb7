/** The languages Tepat speaks: Bahasa Indonesia first, English second. */
export type Language = 'id' | 'en';
