#!/usr/bin/env bash
# GPU check of batched inference, as one command: about 3-7 minutes on a machine with
# one H100/H200 and 16 cores (the Python part stops starting sections after --budget, 420 s).
#
#   bash experiments/studies/gpu_check.sh [OUT_DIR] [options of python -m experiments.studies.gpu_check]
#
# Writes gpu_check.md, gpu_check.json and gpu_check.log to OUT_DIR (default: $OUT, else
# runs/gpu-check). The GPU machine has torch, torch-geometric and numpy but not pyscipopt: when
# pyscipopt is missing, the cp312 manylinux wheel carried in runs/wheels (or $NEURALMIP_WHEELS)
# is installed into /tmp/site first. Download it on a machine with network access, from the
# repository root (runs/ is git-ignored; carry runs/wheels to the GPU machine):
#
#   python -m pip download --no-deps --only-binary=:all: --python-version 3.12 \
#       --implementation cp --platform manylinux_2_28_x86_64 -d runs/wheels pyscipopt==6.3.0
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
out="${1:-${OUT:-runs/gpu-check}}"
shift || true
mkdir -p "$out"
python="${PYTHON:-python3}"
export PYTHONUNBUFFERED=1
if ! "$python" -c "import pyscipopt" 2>/dev/null; then
  wheels="${NEURALMIP_WHEELS:-runs/wheels}"
  if ! ls "$wheels"/pyscipopt-*.whl >/dev/null 2>&1; then
    echo "gpu_check.sh: pyscipopt is not installed and $wheels holds no pyscipopt wheel" >&2
    exit 2
  fi
  "$python" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site "$wheels"/*.whl || exit 2
  export PYTHONPATH="/tmp/site${PYTHONPATH:+:$PYTHONPATH}"
fi
{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>&1 || true
  "$python" -c "import sys, torch, pyscipopt, torch_geometric; print(sys.version.split()[0], 'torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'pyscipopt', pyscipopt.__version__, 'pyg', torch_geometric.__version__)"
  "$python" -m experiments.studies.gpu_check --out "$out" "$@"
} 2>&1 | tee "$out/gpu_check.log"
