// The sequential distance matrix, written out: every unordered pair (i < j) once, in SciPy
// `pdist` order, with the haversine formula on a sphere of mean Earth radius.
const R = 6371.0088; // km
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km between two points given in degrees. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The condensed matrix: n (n - 1) / 2 distances, pair (0,1), (0,2), ..., (1,2), ... */
export function distanceMatrix(
  places: readonly { name: string; lat: number; lon: number }[],
): string[] {
  const rows: string[] = [];
  for (let i = 0; i < places.length; i++) {
    for (let j = i + 1; j < places.length; j++) {
      const a = places[i]!;
      const b = places[j]!;
      rows.push(`${a.name},${b.name},${haversineKm(a.lat, a.lon, b.lat, b.lon)}`);
    }
  }
  return rows;
}

/** `pnpm --filter @dmx/docs run sample concepts/haversine-loop` */
export async function main(): Promise<void> {
  const workshop = [
    { name: "ann arbor", lat: 42.279594, lon: -83.732124 },
    { name: "pleasant grove", lat: 40.364118, lon: -111.73854 },
    { name: "boston", lat: 42.360081, lon: -71.058884 },
  ];
  for (const row of distanceMatrix(workshop)) console.log(row);
}
