"""The workshop's sequential runner, written the straightforward way (target 2 baseline).

Reads name,lat,lon rows with the csv module, computes every unordered pair with a math
haversine, writes origin,destination,distance rows with csv.writer in the workshop's order:
for each location j, the pairs (i, j) for every i < j.

    python3 sequential_runner.py input.csv output.csv
"""

import csv
import math
import sys

R = 6371.0088  # mean Earth radius, km


def haversine(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return R * 2 * math.atan2(math.sqrt(a), math.sqrt(1 - a))


def read_locations(path):
    locations = []
    with open(path, newline="") as f:
        for row in csv.reader(f):
            try:
                locations.append((row[0], float(row[1]), float(row[2])))
            except ValueError:
                if locations:
                    raise
                # a header line
    return locations


def main(input_path, output_path):
    locations = read_locations(input_path)
    with open(output_path, "w", newline="") as f:
        writer = csv.writer(f)
        for j in range(len(locations)):
            name_j, lat_j, lon_j = locations[j]
            for i in range(j):
                name_i, lat_i, lon_i = locations[i]
                writer.writerow([name_i, name_j, haversine(lat_i, lon_i, lat_j, lon_j)])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
