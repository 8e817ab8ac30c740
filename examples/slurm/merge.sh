#!/bin/bash
# Join the shards written by batch-array.sh into the files one machine would have written:
#
#   OUT=$PWD/results/run1 bash examples/slurm/merge.sh
#   sbatch --dependency=afterok:<array job id> --export=ALL,OUT=$PWD/results/run1 examples/slurm/merge.sh
#
# i.e. `clusterlab merge $OUT/shard-* --out $OUT/merged`. merge refuses (exit 1) when a shard is
# missing runs, e.g. because a task failed: resubmit the same array (each task resumes its shard),
# then merge again.
#
# Parameters (environment): OUT and CLUSTERLAB as for batch-array.sh; MERGED (default $OUT/merged).
#
#SBATCH --job-name=clusterlab-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=00:30:00
#SBATCH --output=clusterlab-merge-%j.out
set -euo pipefail

OUT=${OUT:-${SLURM_SUBMIT_DIR:-$PWD}/clusterlab-batch}
MERGED=${MERGED:-$OUT/merged}
read -r -a clusterlab <<< "${CLUSTERLAB:-clusterlab}"

shopt -s nullglob
shards=("$OUT"/shard-*)
if (( ${#shards[@]} == 0 )); then
  echo "merge.sh: no shard directories in $OUT (expected $OUT/shard-1 …)" >&2
  exit 1
fi
echo "clusterlab: merging ${#shards[@]} shards of $OUT -> $MERGED"
exec "${clusterlab[@]}" merge "${shards[@]}" --out "$MERGED" --quiet
