#!/bin/bash
# One shard of a clusterlab batch per SLURM array task. Submit with as many tasks as shards:
#
#   sbatch --array=1-4 examples/slurm/batch-array.sh                        # 4 shards, defaults below
#   SCENARIO=my-region.yaml SEEDS=1000 OUT=$PWD/results/run1 \
#     sbatch --array=1-10%5 --cpus-per-task=4 examples/slurm/batch-array.sh
#
# then join the shards:  OUT=… bash examples/slurm/merge.sh  (or submit merge.sh with
# --dependency=afterok:<jobid>; see README.md in this folder).
#
# Task k of an array of N tasks runs `clusterlab <COMMAND> … --shard k/N`: the jobs (variant or
# sweep point × seed) whose index % N = k − 1, written to $OUT/shard-k. The array must be
# contiguous (1-N, or 0-(N−1): k counts from the lowest task id), unless SHARDS is set. A task
# that is requeued or resubmitted resumes its shard (--resume): the runs already on disk are kept.
# To rerun only some shards of a batch of 10:  SHARDS=10 sbatch --array=3,7 batch-array.sh
#
# Parameters (environment variables; sbatch passes the submitting shell's environment to the job):
#   SCENARIO    bundled scenario name or scenario file (use an absolute path)   default: default
#   SEEDS       seeds per variant (the whole batch, not per shard)              default: 100
#   OUT         output directory, shared by all tasks (absolute path)          default: $SLURM_SUBMIT_DIR/clusterlab-batch
#   COMMAND     batch, compare or sweep                                         default: batch
#   ARGS        more options for the command, word-split, e.g.
#               "--variants all --ticks 120" or "--param mechanisms.spinoffs.rate=0.01:0.1 --samples 20 --method lhs"
#   CLUSTERLAB  the clusterlab command, word-split (no spaces inside paths)    default: clusterlab
#   SHARDS      the number of shards N; then task id k runs shard k/N (ids 1…N)
#               default: the array's task count, k counted from its lowest id
#               e.g. "node /home/me/clusterlab/bin/clusterlab.mjs"
# Every task must be given the same SCENARIO, SEEDS, COMMAND and ARGS: merge checks that the
# shards' manifests agree.
#
#SBATCH --job-name=clusterlab
#SBATCH --cpus-per-task=2
#SBATCH --mem-per-cpu=1G
#SBATCH --time=02:00:00
#SBATCH --output=clusterlab-%A_%a.out
#SBATCH --requeue
set -euo pipefail

: "${SLURM_ARRAY_TASK_ID:?run this script as a job array: sbatch --array=1-N batch-array.sh}"
SCENARIO=${SCENARIO:-default}
SEEDS=${SEEDS:-100}
OUT=${OUT:-${SLURM_SUBMIT_DIR:-$PWD}/clusterlab-batch}
COMMAND=${COMMAND:-batch}
read -r -a clusterlab <<< "${CLUSTERLAB:-clusterlab}"
read -r -a args <<< "${ARGS:-}"

# Shard k of n, 1-based.
if [ -n "${SHARDS:-}" ]; then
  n=$SHARDS
  k=$SLURM_ARRAY_TASK_ID
else
  n=${SLURM_ARRAY_TASK_COUNT:?SLURM_ARRAY_TASK_COUNT is not set (SLURM too old? set SHARDS)}
  k=$(( SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-1} + 1 ))
fi
if ! (( k >= 1 && k <= n )); then
  echo "batch-array.sh: task id ${SLURM_ARRAY_TASK_ID} gives shard $k, not in 1…$n (the array must be 1-N or contiguous; with SHARDS=N, ids 1…N)" >&2
  exit 2
fi
dir="$OUT/shard-$k"

# A shard started before (requeue, preemption, resubmission) is finished, not restarted.
resume=()
[ -f "$dir/manifest.json" ] && resume=(--resume)

mkdir -p "$OUT"
echo "clusterlab: $COMMAND $SCENARIO, shard $k/$n -> $dir (task ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID} on $(hostname -s), ${SLURM_CPUS_PER_TASK:-1} workers)"
# exec: the task's exit code is clusterlab's (0 ok, 1 invalid input, 2 usage, 4 some runs failed).
exec "${clusterlab[@]}" "$COMMAND" "$SCENARIO" --seeds "$SEEDS" \
  --shard "$k/$n" --out "$dir" --quiet --workers "${SLURM_CPUS_PER_TASK:-1}" \
  "${resume[@]}" "${args[@]}"
