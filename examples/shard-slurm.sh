#!/bin/bash
# A Slurm job array that computes one distance matrix in 16 slices, one per array task, with
# `dmx compute --shard k/K`, then `dmx merge` assembles them. Example only: it is not run or
# tested in this repository (no Slurm here). Adapt the paths, K and the resources.
#
# Submit the array, then the merge once every task has succeeded:
#   jobid=$(sbatch --parsable examples/shard-slurm.sh)
#   sbatch --dependency=afterok:"$jobid" --wrap \
#     'node "$HOME/dmx/apps/cli/dist/bin.js" merge /shared/dmx-parts/part-*.npy -o /shared/distances.npy'
#
# Needs: Node >= 20.19 on the compute nodes, dmx built once (`pnpm build`; apps/cli/dist runs
# on its own), and a folder every node can write to (NFS, Lustre, ...). A task that fails and
# is requeued rewrites its part from scratch: parts are written to a temp file and renamed,
# and a slice's bytes are the same on every run.
#
#SBATCH --job-name=dmx-shard
#SBATCH --array=1-16
#SBATCH --cpus-per-task=8
#SBATCH --mem=2G
#SBATCH --time=01:00:00
#SBATCH --output=dmx-shard-%A_%a.log
set -euo pipefail

K=16 # the last index of --array=1-16: --shard is 1-based, like this array
DMX=(node "$HOME/dmx/apps/cli/dist/bin.js")
INPUT=/shared/places.csv
PARTS=/shared/dmx-parts
mkdir -p "$PARTS"

"${DMX[@]}" compute "$INPUT" --format npy --threads "$SLURM_CPUS_PER_TASK" \
  --shard "${SLURM_ARRAY_TASK_ID}/${K}" -o "$PARTS/part-${SLURM_ARRAY_TASK_ID}.npy"
