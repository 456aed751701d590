// A rough relief for the demo stations. No elevation model is shipped (the smallest useful one is tens of
// megabytes), so a station's height comes from its distance to the sea (coasts low, interiors a few
// hundred metres) plus a few smooth mountain areas with the height typical of the villages and weather
// stations there (not of the summits). Plausible, not accurate.

interface Upland {
  lat: number;
  lon: number;
  /** Half-widths (1/e) of the area, north-south and east-west. */
  northSouthKm: number;
  eastWestKm: number;
  /** Typical height of inhabited places in the middle of the area. */
  heightM: number;
}

const UPLANDS: readonly Upland[] = [
  { lat: 45.6, lon: 7.0, northSouthKm: 110, eastWestKm: 80, heightM: 1300 }, // Western Alps
  { lat: 46.6, lon: 9.6, northSouthKm: 70, eastWestKm: 140, heightM: 1300 }, // Central Alps
  { lat: 47.2, lon: 12.8, northSouthKm: 60, eastWestKm: 160, heightM: 1100 }, // Eastern Alps
  { lat: 42.7, lon: 0.8, northSouthKm: 45, eastWestKm: 180, heightM: 1000 }, // Pyrenees
  { lat: 40.2, lon: -3.8, northSouthKm: 280, eastWestKm: 300, heightM: 600 }, // Meseta
  { lat: 37.3, lon: -3.3, northSouthKm: 50, eastWestKm: 150, heightM: 700 }, // Betic ranges
  { lat: 45.2, lon: 3.0, northSouthKm: 100, eastWestKm: 90, heightM: 600 }, // Massif Central
  { lat: 44.0, lon: 11.2, northSouthKm: 60, eastWestKm: 120, heightM: 500 }, // Northern Apennines
  { lat: 41.5, lon: 14.8, northSouthKm: 130, eastWestKm: 60, heightM: 600 }, // Southern Apennines
  { lat: 43.6, lon: 17.8, northSouthKm: 120, eastWestKm: 150, heightM: 700 }, // Dinaric Alps
  { lat: 42.4, lon: 23.8, northSouthKm: 80, eastWestKm: 180, heightM: 700 }, // Balkan and Rila
  { lat: 39.8, lon: 21.3, northSouthKm: 120, eastWestKm: 50, heightM: 700 }, // Pindus
  { lat: 49.1, lon: 20.5, northSouthKm: 50, eastWestKm: 160, heightM: 600 }, // Western Carpathians
  { lat: 47.3, lon: 25.3, northSouthKm: 140, eastWestKm: 60, heightM: 700 }, // Eastern Carpathians
  { lat: 45.5, lon: 24.5, northSouthKm: 40, eastWestKm: 160, heightM: 700 }, // Southern Carpathians
  { lat: 50.5, lon: 10.5, northSouthKm: 110, eastWestKm: 250, heightM: 350 }, // German uplands
  { lat: 49.5, lon: 14.5, northSouthKm: 120, eastWestKm: 150, heightM: 300 }, // Bohemian massif
  { lat: 61.5, lon: 8.5, northSouthKm: 150, eastWestKm: 120, heightM: 700 }, // Southern Scandes
  { lat: 66.5, lon: 15.5, northSouthKm: 200, eastWestKm: 90, heightM: 500 }, // Northern Scandes
  { lat: 57.1, lon: -4.6, northSouthKm: 80, eastWestKm: 80, heightM: 300 }, // Scottish Highlands
  { lat: 64.8, lon: -18.3, northSouthKm: 70, eastWestKm: 150, heightM: 500 }, // Icelandic highlands
];

/** Plains where the land stays low far from the sea: the lowland height is mostly taken away there. */
const LOWLANDS: readonly Omit<Upland, 'heightM'>[] = [
  { lat: 53.0, lon: 13.0, northSouthKm: 150, eastWestKm: 650 }, // North European Plain
  { lat: 45.1, lon: 10.5, northSouthKm: 50, eastWestKm: 170 }, // Po valley
  { lat: 46.8, lon: 20.0, northSouthKm: 120, eastWestKm: 150 }, // Pannonian plain
  { lat: 44.2, lon: 26.0, northSouthKm: 50, eastWestKm: 200 }, // Wallachian plain
  { lat: 44.4, lon: -0.6, northSouthKm: 100, eastWestKm: 80 }, // Landes and Aquitaine
];

/** exp(-r²), r the distance from the area's centre in its half-widths. */
function weight(site: { lat: number; lon: number }, area: Omit<Upland, 'heightM'>): number {
  const y = ((site.lat - area.lat) * 111.2) / area.northSouthKm;
  const x = ((site.lon - area.lon) * 111.2 * Math.cos((site.lat * Math.PI) / 180)) / area.eastWestKm;
  return Math.exp(-(x * x + y * y));
}

/**
 * A plausible station height in metres. `valley` in [0, 1) places the station between a valley floor (0)
 * and a slope (1); `lowland` in [0, 1) varies the height of the plains.
 */
export function stationElevation(
  site: { lat: number; lon: number; coastKm: number },
  valley: number,
  lowland: number,
): number {
  const upland = UPLANDS.reduce((sum, u) => sum + u.heightM * weight(site, u), 0);
  const flat = 1 - 0.75 * Math.max(...LOWLANDS.map((l) => weight(site, l)));
  // Even in mountains, a station by the sea (a fjord, a coastal valley) stands low.
  const nearSea = 1 - Math.exp(-site.coastKm / 25);
  const plains = 200 * (1 - Math.exp(-site.coastKm / 150)) * (0.4 + 1.2 * lowland) * flat;
  return Math.round(nearSea * (plains + upland * (0.5 + 0.7 * valley)));
}
