"""What a numpy-savvy user would write (target 3 baseline): all pairs -> condensed .npy.

Unit vectors, scipy.spatial.distance.pdist (chord lengths, SciPy's condensed order),
arcsin back to great-circle distance, np.save.

    python3 numpy_route.py input.csv output.npy
"""

import csv
import sys

import numpy as np
from scipy.spatial.distance import pdist

R = 6371.0088  # mean Earth radius, km


def main(input_path, output_path):
    lat, lon = [], []
    with open(input_path, newline="") as f:
        for row in csv.reader(f):
            try:
                lat.append(float(row[1]))
                lon.append(float(row[2]))
            except ValueError:
                if lat:
                    raise
                # a header line
    phi = np.radians(np.array(lat))
    lam = np.radians(np.array(lon))
    xyz = np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))
    distances = 2 * R * np.arcsin(pdist(xyz) / 2)
    np.save(output_path, distances)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
