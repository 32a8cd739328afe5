import type { LocationTable } from "./_table.ts";

/** Appends locations into growing typed arrays. @internal */
export class TableBuilder {
  private readonly names: string[] = [];
  private lat = new Float64Array(1024);
  private lon = new Float64Array(1024);
  private n = 0;

  /** Bound `add`, usable as a reader sink. */
  readonly add = (name: string, latitude: number, longitude: number): void => {
    if (this.n === this.lat.length) {
      const lat = new Float64Array(this.n * 2);
      const lon = new Float64Array(this.n * 2);
      lat.set(this.lat);
      lon.set(this.lon);
      this.lat = lat;
      this.lon = lon;
    }
    this.names.push(name);
    this.lat[this.n] = latitude;
    this.lon[this.n] = longitude;
    this.n++;
  };

  /** The table (exactly sized copies). */
  finish(): LocationTable {
    return { names: this.names, lat: this.lat.slice(0, this.n), lon: this.lon.slice(0, this.n) };
  }
}
