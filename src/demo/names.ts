// Station names that sound like the country they stand in, made from a small grammar per language area
// (a first element and an ending, as many real place names are built). They are invented: a name may
// happen to exist somewhere, but the id (issuer 65534, local part DEMO…) and the summary say "demo".
import type { Language } from './europe.js';

const GRAMMAR: Readonly<Record<Language, { first: readonly string[]; ending: readonly string[] }>> = {
  albanian: {
    first: ['Bard', 'Buz', 'Fush', 'Gur', 'Kodr', 'Lum', 'Mal', 'Qaf', 'Shkoz', 'Drin'],
    ending: ['aj', 'anë', 'ishtë', 'ovë', 'ec', 'ar', 'ëz'],
  },
  baltic: {
    first: ['Aug', 'Bir', 'Daug', 'Jon', 'Kup', 'Pal', 'Rad', 'Šil', 'Tau', 'Vil', 'Žal', 'Skr'],
    ending: ['iai', 'ava', 'ėnai', 'uva', 'iškis', 'ene', 'upe', 'ciems'],
  },
  british: {
    first: [
      'Ash',
      'Brad',
      'Chal',
      'Eld',
      'Fen',
      'Grim',
      'Hal',
      'Kings',
      'Lang',
      'Nor',
      'Red',
      'Thorn',
      'Whit',
    ],
    ending: ['by', 'ford', 'ham', 'ley', 'ton', 'wick', 'worth', 'field', 'bury', 'mere'],
  },
  dutch: {
    first: [
      'Alden',
      'Brouk',
      'Dronk',
      'Eem',
      'Hoog',
      'Lange',
      'Meer',
      'Noord',
      'Oost',
      'Ster',
      'Zuider',
      'Bree',
    ],
    ending: ['dam', 'hoven', 'wijk', 'veen', 'horst', 'broek', 'lo', 'gem', 'erveld', 'by'],
  },
  eastSlavic: {
    first: ['Bel', 'Bor', 'Gor', 'Dub', 'Kras', 'Lip', 'Nov', 'Ozer', 'Sosn', 'Star', 'Zel', 'Kalin'],
    ending: ['ovka', 'ino', 'ovo', 'evo', 'itsa', 'sk', 'yany', 'ichi', 'ets'],
  },
  finnic: {
    first: ['Ala', 'Halli', 'Järvi', 'Kallio', 'Koski', 'Lahti', 'Mänty', 'Niemi', 'Pihla', 'Salo', 'Rauta'],
    ending: ['la', 'nen', 'järvi', 'koski', 'mäki', 'vaara', 'lahti', 'saari', 'pää'],
  },
  french: {
    first: ['Beau', 'Bois', 'Champ', 'Font', 'Mont', 'Roche', 'Ville', 'Chaten', 'Mar', 'Lav', 'Puy'],
    ending: ['ville', 'court', 'mont', 'ac', 'ières', 'ange', 'ay', 'ois', 'oux', 'aine'],
  },
  germanic: {
    first: ['Alten', 'Eich', 'Falken', 'Grün', 'Hohen', 'Kirch', 'Linden', 'Mühl', 'Ober', 'Rosen', 'Hasel'],
    ending: ['bach', 'berg', 'dorf', 'feld', 'hausen', 'heim', 'ingen', 'stedt', 'brück', 'au'],
  },
  greek: {
    first: ['Agio', 'Ano', 'Kato', 'Neo', 'Palaio', 'Kala', 'Lefko', 'Platy', 'Xero', 'Ela'],
    ending: ['chori', 'kastro', 'polis', 'vrysi', 'kampos', 'thea', 'pyrgos', 'nera'],
  },
  hungarian: {
    first: ['Bala', 'Csor', 'Duna', 'Ercs', 'Fehér', 'Kis', 'Nagy', 'Szent', 'Tisza', 'Vár', 'Hegy'],
    ending: ['falva', 'háza', 'egyháza', 'vár', 'szeg', 'halom', 'telek', 'mező', 'keszi'],
  },
  irish: {
    first: ['Bally', 'Kil', 'Carrig', 'Drum', 'Glen', 'Clon', 'Lis', 'Rath', 'Tully', 'Ard'],
    ending: ['more', 'beg', 'naw', 'ane', 'lough', 'cullen', 'derry', 'keel', 'roe'],
  },
  italian: {
    first: [
      'Acqua',
      'Borgo',
      'Castel',
      'Colle',
      'Fonte',
      'Monte',
      'Pieve',
      'Rocca',
      'Valle',
      'Serra',
      'Terra',
    ],
    ending: ['nuovo', 'fino', 'lina', 'ano', 'etto', 'aro', 'ella', 'ora', 'asco'],
  },
  nordic: {
    first: ['Ås', 'Berg', 'Bjør', 'Dal', 'Fjell', 'Hag', 'Lind', 'Sol', 'Stor', 'Vik', 'Ek', 'Hol', 'Sand'],
    ending: ['by', 'dal', 'vik', 'sund', 'holm', 'stad', 'berg', 'fors', 'ås', 'torp'],
  },
  portuguese: {
    first: ['Alde', 'Azin', 'Carva', 'Fonte', 'Mira', 'Pinhe', 'Quin', 'Sobra', 'Vila', 'Ribei'],
    ending: ['lhal', 'ira', 'inhos', 'dela', 'nova', 'ende', 'ães', 'osa'],
  },
  romanian: {
    first: ['Bistr', 'Cîmp', 'Dob', 'Lunc', 'Mărg', 'Pietr', 'Plop', 'Săl', 'Vii', 'Stej'],
    ending: ['ești', 'eni', 'ița', 'oasa', 'ani', 'uța', 'ărie'],
  },
  southSlavic: {
    first: ['Bel', 'Brest', 'Dol', 'Gor', 'Kamen', 'Lip', 'Novo', 'Pod', 'Rad', 'Slav', 'Trn', 'Zlat'],
    ending: ['ovo', 'ica', 'ac', 'evo', 'grad', 'ine', 'ište', 'jani', 'ovec'],
  },
  spanish: {
    first: ['Alca', 'Alme', 'Bena', 'Cala', 'Fuen', 'Mira', 'Olme', 'Torre', 'Valde', 'Villa', 'Casa'],
    ending: ['zar', 'dilla', 'monte', 'nueva', 'rrubia', 'jos', 'llana', 'brava', 'leda'],
  },
  westSlavic: {
    first: ['Brzez', 'Dąbr', 'Górk', 'Kamien', 'Lip', 'Nowo', 'Ostr', 'Rad', 'Sok', 'Wol', 'Zbor', 'Jabłon'],
    ending: ['owo', 'ice', 'ov', 'iec', 'ów', 'any', 'ín', 'ka', 'ná'],
  },
};

function pick<T>(items: readonly T[], rnd: () => number): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** An invented place name of the language area, e.g. "Hasel" + "stedt". */
export function placeName(language: Language, rnd: () => number): string {
  const { first, ending } = GRAMMAR[language];
  return pick(first, rnd) + pick(ending, rnd);
}
