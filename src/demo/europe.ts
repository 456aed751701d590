// The countries the demo stations may stand in: Natural Earth's name (as world-atlas spells it)
// → ISO 3166-1 alpha-2 code (shown in station names) and the language area whose place names the station
// names imitate. Countries mostly outside Europe (Turkey, Georgia, …) are left out on purpose.

export type Language =
  | 'albanian'
  | 'baltic'
  | 'british'
  | 'dutch'
  | 'eastSlavic'
  | 'finnic'
  | 'french'
  | 'germanic'
  | 'greek'
  | 'hungarian'
  | 'irish'
  | 'italian'
  | 'nordic'
  | 'portuguese'
  | 'romanian'
  | 'southSlavic'
  | 'spanish'
  | 'westSlavic';

export const EUROPEAN_COUNTRIES: Readonly<Record<string, { code: string; language: Language }>> = {
  Albania: { code: 'AL', language: 'albanian' },
  Austria: { code: 'AT', language: 'germanic' },
  Belarus: { code: 'BY', language: 'eastSlavic' },
  Belgium: { code: 'BE', language: 'dutch' },
  'Bosnia and Herz.': { code: 'BA', language: 'southSlavic' },
  Bulgaria: { code: 'BG', language: 'southSlavic' },
  Croatia: { code: 'HR', language: 'southSlavic' },
  Czechia: { code: 'CZ', language: 'westSlavic' },
  Denmark: { code: 'DK', language: 'nordic' },
  Estonia: { code: 'EE', language: 'finnic' },
  Finland: { code: 'FI', language: 'finnic' },
  France: { code: 'FR', language: 'french' },
  Germany: { code: 'DE', language: 'germanic' },
  Greece: { code: 'GR', language: 'greek' },
  Hungary: { code: 'HU', language: 'hungarian' },
  Iceland: { code: 'IS', language: 'nordic' },
  Ireland: { code: 'IE', language: 'irish' },
  Italy: { code: 'IT', language: 'italian' },
  Kosovo: { code: 'XK', language: 'albanian' },
  Latvia: { code: 'LV', language: 'baltic' },
  Lithuania: { code: 'LT', language: 'baltic' },
  Luxembourg: { code: 'LU', language: 'germanic' },
  Macedonia: { code: 'MK', language: 'southSlavic' },
  Moldova: { code: 'MD', language: 'romanian' },
  Montenegro: { code: 'ME', language: 'southSlavic' },
  Netherlands: { code: 'NL', language: 'dutch' },
  Norway: { code: 'NO', language: 'nordic' },
  Poland: { code: 'PL', language: 'westSlavic' },
  Portugal: { code: 'PT', language: 'portuguese' },
  Romania: { code: 'RO', language: 'romanian' },
  Russia: { code: 'RU', language: 'eastSlavic' },
  Serbia: { code: 'RS', language: 'southSlavic' },
  Slovakia: { code: 'SK', language: 'westSlavic' },
  Slovenia: { code: 'SI', language: 'southSlavic' },
  Spain: { code: 'ES', language: 'spanish' },
  Sweden: { code: 'SE', language: 'nordic' },
  Switzerland: { code: 'CH', language: 'germanic' },
  Ukraine: { code: 'UA', language: 'eastSlavic' },
  'United Kingdom': { code: 'GB', language: 'british' },
};

/** Where stations are placed: Iceland to western Russia, Crete to northern Norway. */
export const REGION = { west: -25, east: 32, south: 35, north: 71.5 } as const;
